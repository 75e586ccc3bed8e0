namespace Overseer.KubeSim.Faults;

/// <summary>One served request; <c>At</c> is when it arrived.</summary>
public sealed record RequestRecord(DateTimeOffset At, string Method, string Path, string Verb, string Resource, string? User, int Code);
