using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Overseer.Api.Execution;
using Overseer.Api.Infrastructure;
using Overseer.Api.Leadership;
using Overseer.Api.Maintenance;
using Overseer.Api.StateMachine;
using Overseer.Api.Tasks;
using Overseer.Contracts.Tasks;

namespace Overseer.Api.Tests.Infrastructure;

/// <summary>
/// The state machine's stores on a fresh database, without hosted services: tests drive claims, outcomes,
/// the reaper and elections step by step, with no dispatcher racing them.
/// </summary>
public sealed class StateHarness : IAsyncLifetime
{
    public NpgsqlDataSource Db { get; private set; } = null!;
    public TaskStore Tasks { get; private set; } = null!;
    public ClaimStore Claims { get; private set; } = null!;
    public AttemptBatch Batch { get; private set; } = null!;
    public string ConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await TestDatabase.CreateAsync();
        Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;
        Db = NpgsqlDataSource.Create(ConnectionString);
        Tasks = new TaskStore(Db, []);
        Claims = new ClaimStore(Db);
        Batch = new AttemptBatch(Db, Options.Create(new TaskOptions()), TimeProvider.System, []);
    }

    public async ValueTask DisposeAsync() => await Db.DisposeAsync();

    public async Task<Guid> SubmitAsync(string name = "t", int retries = 0, BackoffSpec? backoff = null) =>
        (await Tasks.SubmitAsync(new TaskSpec
        {
            Name = name,
            Command = ["true"],
            TimeoutSeconds = 60,
            Retries = retries,
            Backoff = backoff ?? new BackoffSpec { InitialSeconds = 0, Factor = 1, MaxSeconds = 0 },
        }, "test", "00-00000000000000000000000000000001-0000000000000001-01", null, CancellationToken.None)).Id;

    /// <summary>Claims every due task as owner <paramref name="owner"/>.</summary>
    public Task<IReadOnlyList<ClaimedAttempt>> ClaimAsync(int limit = 100, string owner = "test-owner") =>
        Claims.ClaimAsync(limit, "local", owner, TimeSpan.FromSeconds(30), CancellationToken.None);

    public Task<IReadOnlyList<AppliedChange>> ApplyAsync(AttemptChange change, LeaderFence? fence = null) =>
        Batch.ApplyAsync([change], "test", fence, CancellationToken.None);

    public PostgresLeaderElector Elector(string name, TimeProvider? time = null, NpgsqlDataSource? db = null) =>
        new(db ?? Db, new InstanceIdentity(), Options.Create(new LeadershipOptions
        {
            LeaseDuration = TimeSpan.FromSeconds(15), RenewDeadline = TimeSpan.FromSeconds(10), RetryPeriod = TimeSpan.FromSeconds(2),
        }), time ?? TimeProvider.System, NullLogger<PostgresLeaderElector>.Instance);

    public ReaperService Reaper(ILeadership leadership, ReaperOptions? options = null, TimeProvider? time = null) =>
        new(Db, Batch, leadership, Options.Create(options ?? new ReaperOptions()), time ?? TimeProvider.System, NullLogger<ReaperService>.Instance);

    public async Task<string> StateOfAsync(Guid id)
    {
        await using var connection = await Db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<string>("SELECT state FROM tasks WHERE id = @id", new { id }) ?? "";
    }

    public async Task<List<(string? From, string To, string Actor, long? Term)>> HistoryAsync(Guid id)
    {
        await using var connection = await Db.OpenConnectionAsync();
        return (await connection.QueryAsync<(string?, string, string, long?)>(
            "SELECT from_state, to_state, actor, leader_term FROM task_transitions WHERE task_id = @id ORDER BY id", new { id })).AsList();
    }

    public async Task ExecuteAsync(string sql, object? args = null)
    {
        await using var connection = await Db.OpenConnectionAsync();
        await connection.ExecuteAsync(sql, args);
    }
}
