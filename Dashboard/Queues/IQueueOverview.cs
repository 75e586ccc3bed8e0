using Overseer.Contracts.Client;

namespace Overseer.Dashboard.Queues;

/// <summary>
/// Extension point for queues (issue 4, built on another branch): where the overview and the Queues page get queue
/// depths, the age of each queue's oldest item and the runtime pools. Until the Api serves <c>/api/v1/queues</c>, the
/// registered <see cref="UnavailableQueueOverview"/> says so. The queue pages replace it with an implementation that
/// reads the queues API through <see cref="OverseerClient"/>.
/// </summary>
public interface IQueueOverview
{
    /// <summary>Queues and pools as the signed-in user may see them.</summary>
    Task<QueueOverview> GetAsync(OverseerClient api, CancellationToken ct);
}
