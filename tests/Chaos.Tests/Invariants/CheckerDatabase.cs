using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Overseer.Api.Infrastructure.Database;
using Overseer.Chaos.Cluster;
using Overseer.Testing;

namespace Overseer.Chaos.Tests.Invariants;

/// <summary>A migrated database on a server configured like the scenarios' (commit timestamps on), for checker tests.</summary>
public sealed class CheckerDatabase : IAsyncLifetime
{
    private readonly string _dir = TestDirectories.Create("chaos-checker");
    private ChaosPostgres? _postgres;

    /// <summary>Connection string of the migrated database.</summary>
    public string ConnectionString => _postgres!.ConnectionString;

    /// <summary>Where fake runner markers go.</summary>
    public string MarkerDir => Path.Combine(_dir, "markers");

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(MarkerDir);
        _postgres = await ChaosPostgres.StartAsync(_dir, CancellationToken.None);
        await using var db = NpgsqlDataSource.Create(ConnectionString);
        await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync(CancellationToken.None);
    }

    /// <summary>Inserts a task with the given history (state pairs) and attempts; answers its id.</summary>
    public async Task<Guid> TaskAsync(string state, (string? From, string To, int Attempt)[] history, (int Attempt, string State, string Owner)[] attempts,
        int retries = 0, long? term = null)
    {
        var id = Guid.CreateVersion7();
        await using var db = new NpgsqlConnection(ConnectionString);
        var terminal = state is "Succeeded" or "Failed" or "TimedOut" or "Cancelled" or "Lost" or "Skipped";
        await db.ExecuteAsync("""
            INSERT INTO tasks (id, name, state, spec, attempt, retries, finished_at)
            VALUES (@id, 'checker', @state, '{}', @attempt, @retries, CASE WHEN @terminal THEN now() END)
            """, new { id, state, attempt = attempts.Length == 0 ? 0 : attempts.Max(a => a.Attempt), retries, terminal });
        foreach (var (attempt, attemptState, owner) in attempts)
        {
            var ended = attemptState is not ("Dispatching" or "Running");
            var typed = attemptState is "Failed" or "TimedOut" or "Lost";
            await db.ExecuteAsync("""
                INSERT INTO attempts (task_id, attempt, state, executor, owner, heartbeat_deadline, finished_at, failure_type)
                VALUES (@id, @attempt, @attemptState, 'local', @owner, now(), CASE WHEN @ended THEN now() END,
                        CASE WHEN @typed THEN 'Infrastructure' END)
                """, new { id, attempt, attemptState, owner, ended, typed });
        }
        foreach (var (from, to, attempt) in history)
        {
            await db.ExecuteAsync("""
                INSERT INTO task_transitions (task_id, attempt, from_state, to_state, actor, leader_term)
                VALUES (@id, @attempt, @from, @to, 'test', @term)
                """, new { id, attempt, from, to, term });
        }
        return id;
    }

    /// <summary>Records that <paramref name="holder"/> was granted <paramref name="term"/> (in its own transaction).</summary>
    public async Task TermAsync(long term, string holder)
    {
        await using var db = new NpgsqlConnection(ConnectionString);
        await db.ExecuteAsync("INSERT INTO leader_terms (name, term, holder, acquired_at) VALUES ('overseer', @term, @holder, now())", new { term, holder });
    }

    /// <summary>Writes runner markers for a task.</summary>
    public void Markers(Guid id, params string[] lines) => File.WriteAllLines(Path.Combine(MarkerDir, id.ToString()), lines);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
        TestDirectories.Delete(_dir);
    }
}
