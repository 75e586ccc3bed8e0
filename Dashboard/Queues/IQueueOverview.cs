using Overseer.Contracts.Client;

namespace Overseer.Dashboard.Queues;

/// <summary>
/// Where the overview and the Queues page get queue depths, the age of each queue's oldest item, why no pool runs, and
/// the running pools (<see cref="ApiQueueOverview"/>).
/// </summary>
public interface IQueueOverview
{
    /// <summary>Queues and pools as the signed-in user may see them.</summary>
    Task<QueueOverview> GetAsync(OverseerClient api, CancellationToken ct);
}
