using Overseer.Contracts.Client;

namespace Overseer.Dashboard.Queues;

/// <summary>The queue overview until the queues API exists: nothing, and a note that says why.</summary>
public sealed class UnavailableQueueOverview : IQueueOverview
{
    /// <inheritdoc />
    public Task<QueueOverview> GetAsync(OverseerClient api, CancellationToken ct) => Task.FromResult(QueueOverview.Unavailable);
}
