namespace Overseer.Api.Execution;

/// <summary>What the runner container of a pool pod runs.</summary>
/// <param name="Image">The queue's image; null takes the executor's runtime image (Worker) or default task image.</param>
/// <param name="Command">Replaces the image's entrypoint; null keeps it (the Worker image's entrypoint is the Worker).</param>
/// <param name="Args">Arguments after the entrypoint or command.</param>
/// <param name="Worker">True when the pod runs the Worker runtime, which runs the queue's command per item.</param>
public sealed record PoolContainer(string? Image, IReadOnlyList<string>? Command, IReadOnlyList<string> Args, bool Worker);
