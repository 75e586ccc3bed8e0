namespace Overseer.Contracts.Queues;

/// <summary>A new runtime credential. The token is shown once; it only works on <paramref name="Queue"/>'s runtime endpoints.</summary>
/// <param name="Queue">The queue it is scoped to.</param>
/// <param name="Name">Its name.</param>
/// <param name="Token">The secret, sent as <c>Authorization: Bearer &lt;token&gt;</c>.</param>
public sealed record CreatedQueueTokenDto(string Queue, string Name, string Token);
