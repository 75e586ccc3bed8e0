namespace Overseer.Chaos.Invariants;

/// <summary>One line a runner wrote: it started ('s') or ended by itself ('e') an attempt, at a Unix time in ms.</summary>
public sealed record Marker(char Kind, int Attempt, long UnixMs, int? ExitCode);
