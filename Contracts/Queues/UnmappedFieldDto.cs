namespace Overseer.Contracts.Queues;

/// <summary>A field of an imported file that was not carried over.</summary>
/// <param name="Field">Its path, e.g. <c>[0].podConfig.liveness</c>.</param>
/// <param name="Reason">Why it was not mapped, and what to do instead.</param>
public sealed record UnmappedFieldDto(string Field, string Reason);
