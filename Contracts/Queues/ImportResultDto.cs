namespace Overseer.Contracts.Queues;

/// <summary>What <c>POST /api/v1/queues:import</c> did (or, with <c>?dryRun=true</c>, would do).</summary>
/// <param name="Created">Queues defined for the first time.</param>
/// <param name="Updated">Queues whose definition was replaced.</param>
/// <param name="Unmapped">Every field of the input that has no counterpart in Overseer, and why.</param>
/// <param name="Notes">Differences in meaning worth knowing about the fields that were mapped.</param>
/// <param name="DryRun">True when nothing was written: <see cref="Created"/> and <see cref="Updated"/> say what an import would do.</param>
public sealed record ImportResultDto(
    IReadOnlyList<string> Created,
    IReadOnlyList<string> Updated,
    IReadOnlyList<UnmappedFieldDto> Unmapped,
    IReadOnlyList<string> Notes,
    bool DryRun = false);
