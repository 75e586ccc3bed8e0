using Overseer.Contracts.Client;
using Overseer.Contracts.Tasks;

namespace Overseer.Dashboard.Queues;

/// <summary>Queues and running pools read from the Api's <c>/api/v1/queues</c> with the signed-in user's token.</summary>
public sealed class ApiQueueOverview : IQueueOverview
{
    /// <inheritdoc />
    public async Task<QueueOverview> GetAsync(OverseerClient api, CancellationToken ct)
    {
        IReadOnlyList<Contracts.Queues.QueueDto> queues;
        try
        {
            queues = await new QueuesClient(api.Http).ListAsync(ct);
        }
        catch (Exception e) when (e is OverseerApiException or HttpRequestException or TaskCanceledException)
        {
            return QueueOverview.Unavailable;
        }
        var summaries = queues.OrderBy(q => q.Name, StringComparer.Ordinal).Select(q => new QueueSummary(
            q.Name, q.Stats.Available, q.Stats.OldestAvailableAgeSeconds is { } s ? TimeSpan.FromSeconds(s) : null, q.Paused,
            q.Pool.State == "running" ? null : q.Pool.Reason)).ToList();
        var pools = queues.Where(q => q.Pool.TaskId is not null).OrderBy(q => q.Name, StringComparer.Ordinal).Select(q => new PoolSummary(
            q.Name, q.Pool.TaskId!.Value, q.Pool.State == "running" ? TaskState.Running : TaskState.Dispatching, q.Pool.Parallelism ?? 0)).ToList();
        return new QueueOverview(true, summaries, pools);
    }
}
