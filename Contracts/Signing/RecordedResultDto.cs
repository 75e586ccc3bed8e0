namespace Overseer.Contracts.Signing;

/// <summary>The Api's answer to a result delivery.</summary>
/// <param name="Status"><c>recorded</c> the first time, <c>duplicate</c> when the same result was already recorded.</param>
public sealed record RecordedResultDto(string Status);
