using System.Text.Json;
using Overseer.Contracts.Queues;

namespace Overseer.Api.Queues;

/// <summary>Maps queue rows to wire DTOs, including the sentence that says why no pool runs.</summary>
internal static class QueueMapping
{
    public static QueueDto AsDto(this QueueRecord r)
    {
        var spec = JsonSerializer.Deserialize(r.Spec, QueuesJson.Lenient.QueueSpec)!;
        var stats = new QueueStatsDto(r.Available, r.Claimed, r.Done, r.Dead, r.OldestAvailableSeconds, r.DoneLastMinute, r.DeadLastMinute);
        return new QueueDto(r.Name, spec, r.Paused, Utc(r.CreatedAt), Utc(r.UpdatedAt), stats, Pool(r, spec));
    }

    public static QueueItemDto AsDto(this QueueItemRecord r) => new(r.Id, r.State, r.Priority, Utc(r.RunAt), r.Attempts,
        JsonElement.Parse(r.Payload), r.DedupKey, r.LastError, r.LeaseExpiresAt is { } l ? Utc(l) : null, Utc(r.CreatedAt),
        r.FinishedAt is { } f ? Utc(f) : null, r.DeadLetterOf);

    private static QueuePoolDto Pool(QueueRecord r, QueueSpec spec)
    {
        DateTimeOffset? until = r.WaitUntil is { } w ? Utc(w) : null;
        if (r.PoolTaskId is { } pool)
        {
            var paused = r.Paused ? "queue paused; " : "";
            if (r.PoolState == "Running")
            {
                return new("running", pool, r.Parallelism, $"{paused}pool running with {r.Parallelism} process(es)", null, r.LastPoolTaskId);
            }
            var age = r.PoolStartedAt is { } started ? Duration.Format(Whole(r.DbNow - started)) : "0s";
            return new("starting", pool, r.Parallelism,
                $"{paused}pool {r.PoolState?.ToLowerInvariant() ?? "created"}: starting for {age} (start timeout {spec.JobStartTimeout})", null, r.LastPoolTaskId);
        }
        if (spec.Runtime == QueueDefaults.ExternalRuntime)
        {
            return new("external", null, null, "runtimes run outside Overseer (runtime 'external'): no pool is started", null, r.LastPoolTaskId);
        }
        if (r.Paused)
        {
            return new("paused", null, null, "queue paused: no claims are answered and no pool starts", null, r.LastPoolTaskId);
        }
        var left = r.WaitUntil is { } end && end > r.DbNow ? Whole(end - r.DbNow) : TimeSpan.Zero;
        if (r.WaitKind is "success" or "timeout" or "error" or "failed" && left > TimeSpan.Zero)
        {
            var (wait, after) = r.WaitKind switch
            {
                "success" => (spec.WaitTimeAfterSuccessfulRun, "a successful run"),
                "timeout" => (spec.WaitTimeAfterTimeout, "a start timeout"),
                "error" => (spec.WaitTimeAfterError, "error"),
                _ => (spec.WaitTimeAfterFailedRun, "a failed run"),
            };
            return new("waiting", null, null, $"waiting {wait} after {after} ({Duration.Format(left)} left): {r.WaitReason}", until, r.LastPoolTaskId);
        }
        if (r.OldestAvailableSeconds is not null && left == TimeSpan.Zero)
        {
            return new("idle", null, null, "items are due: a pool starts on the spawner's next round", until, r.LastPoolTaskId);
        }
        if (r.Available > 0 && r.OldestAvailableSeconds is null)
        {
            return new("idle", null, null, "items are scheduled for later (runAt): a pool starts when one is due", until, r.LastPoolTaskId);
        }
        return r.WaitKind == "empty" && left > TimeSpan.Zero
            ? new("idle", null, null, $"queue empty; next check in {Duration.Format(left)} (an enqueue starts a pool sooner)", until, r.LastPoolTaskId)
            : new("idle", null, null, "queue empty", until, r.LastPoolTaskId);
    }

    private static TimeSpan Whole(TimeSpan span) => TimeSpan.FromSeconds(Math.Max(0, Math.Ceiling(span.TotalSeconds)));

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
