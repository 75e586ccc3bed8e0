using Overseer.Contracts.Queues;

namespace Overseer.Api.Queues;

/// <summary>A queue definition converted from an imported file (validated and normalized).</summary>
/// <param name="Name">Queue name.</param>
/// <param name="Spec">Its definition.</param>
internal sealed record ImportedQueue(string Name, QueueSpec Spec);
