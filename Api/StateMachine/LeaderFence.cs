namespace Overseer.Api.StateMachine;

/// <summary>The leader term a singleton's write depends on; the write is rejected once the term is over.</summary>
public sealed record LeaderFence(string LeaseName, long Term, string Holder);
