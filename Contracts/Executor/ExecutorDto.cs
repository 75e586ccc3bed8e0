namespace Overseer.Contracts.Executor;

/// <summary>Answer to <c>GET /api/v1/executor</c>: how this Api runs tasks, and what keeps them apart.</summary>
/// <param name="Kind"><c>local</c> or <c>kubernetes</c>.</param>
/// <param name="Concurrency">Most attempts one Api process runs at once (local), or Jobs it tracks (kubernetes).</param>
/// <param name="TaskUser">Local: the user tasks run as when the Api is root; null when tasks run as the Api's own user, and on Kubernetes.</param>
/// <param name="Sandboxed">Local: true when every task runs in a bubblewrap sandbox.</param>
/// <param name="Isolation">What isolation is in force, in words.</param>
/// <param name="EgressEnforced">False locally, where the sidecar's proxy can be bypassed; true on Kubernetes, where the NetworkPolicy enforces it.</param>
public sealed record ExecutorDto(string Kind, int Concurrency, string? TaskUser, bool Sandboxed, string Isolation, bool EgressEnforced);
