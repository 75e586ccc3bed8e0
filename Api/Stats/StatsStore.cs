using Dapper;
using Npgsql;
using Overseer.Contracts.Stats;
using Overseer.Contracts.Tasks;

namespace Overseer.Api.Stats;

/// <summary>Reads and folds the overview's counters.</summary>
public sealed class StatsStore(NpgsqlDataSource db)
{
    /// <summary>Everything the overview shows, in one round trip.</summary>
    public async Task<StatsDto> ReadAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(StatsSql.Read, cancellationToken: ct));
        var now = Utc(await results.ReadSingleAsync<DateTime>());
        var counts = (await results.ReadAsync<(string Kind, string State, long N)>())
            .Select(c => new StateCountDto(c.Kind, Enum.Parse<TaskState>(c.State), c.N)).ToList();
        var minutes = (await results.ReadAsync<(DateTime Minute, string Metric, long N)>()).ToList();
        var failures = (await results.ReadAsync<(Guid Id, string Name, string State, DateTime FinishedAt, string? FailureType, int? ExitCode, string? Reason)>())
            .Select(f => new FailedTaskDto(f.Id, f.Name, Enum.Parse<TaskState>(f.State), Utc(f.FinishedAt),
                f.FailureType is null ? null : Enum.Parse<FailureType>(f.FailureType), f.ExitCode, f.Reason)).ToList();
        var running = await results.ReadSingleAsync<long>();
        return new StatsDto(now, counts, LastHour(now, minutes), FailuresByType(minutes), failures, running);
    }

    /// <summary>Folds the deltas written by the triggers into the totals and drops old minutes; false when another replica was doing it.</summary>
    public async Task<bool> CompactAsync(TimeSpan keepMinutes, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(StatsSql.TryLock, transaction: tx, cancellationToken: ct)))
        {
            return false;
        }
        await connection.ExecuteAsync(new CommandDefinition(StatsSql.FoldCounts, transaction: tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(StatsSql.FoldMinutes, transaction: tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(StatsSql.PruneMinutes, new { keep = keepMinutes }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return true;
    }

    private static List<MinuteStatsDto> LastHour(DateTimeOffset now, List<(DateTime Minute, string Metric, long N)> rows)
    {
        var byMinute = rows.ToLookup(r => Utc(r.Minute));
        var first = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero).AddMinutes(-59);
        return [.. Enumerable.Range(0, 60).Select(i =>
        {
            var minute = first.AddMinutes(i);
            var metrics = byMinute[minute].ToDictionary(r => r.Metric, r => r.N);
            long Get(string metric) => metrics.GetValueOrDefault(metric);
            return new MinuteStatsDto(minute, Get("Submitted"), Get(nameof(TaskState.Succeeded)), Get(nameof(TaskState.Failed)),
                Get(nameof(TaskState.TimedOut)), Get(nameof(TaskState.Lost)), Get(nameof(TaskState.Cancelled)), Get(nameof(TaskState.Skipped)));
        })];
    }

    private static List<FailureTypeCountDto> FailuresByType(List<(DateTime Minute, string Metric, long N)> rows) =>
        [.. rows.Where(r => r.Metric.StartsWith("failure:", StringComparison.Ordinal))
            .GroupBy(r => Enum.Parse<FailureType>(r.Metric["failure:".Length..]))
            .Select(g => new FailureTypeCountDto(g.Key, g.Sum(r => r.N)))
            .OrderBy(f => f.Type)];

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
