using Overseer.Contracts.Tasks;

namespace Overseer.Contracts.Stats;

/// <summary>Failed attempts of one failure type.</summary>
/// <param name="Type">Failure type.</param>
/// <param name="Count">Attempts.</param>
public sealed record FailureTypeCountDto(FailureType Type, long Count);
