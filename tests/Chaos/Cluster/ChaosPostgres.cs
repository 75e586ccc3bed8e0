using Npgsql;
using Overseer.ServiceDefaults.Posix;
using Overseer.AppHost.Postgres;

namespace Overseer.Chaos.Cluster;

/// <summary>
/// A PostgreSQL server owned by one scenario (it gets restarted, so it is never the suite's shared server), started
/// from the machine's binaries through AppHost's <see cref="EmbeddedPostgres"/>.
/// </summary>
public sealed class ChaosPostgres : IAsyncDisposable
{
    private readonly EmbeddedPostgresOptions _options;
    private EmbeddedPostgres _server;

    private ChaosPostgres(EmbeddedPostgresOptions options, EmbeddedPostgres server)
    {
        _options = options;
        _server = server;
    }

    /// <summary>Connection string of the app database (superuser; the Api's gets its own application name).</summary>
    public string ConnectionString => _server.ConnectionString;

    /// <summary>The TCP port on 127.0.0.1 (kept across restarts).</summary>
    public int Port => _server.Port;

    /// <summary>Initializes and starts a server with its files under <paramref name="dir"/>.</summary>
    public static async Task<ChaosPostgres> StartAsync(string dir, CancellationToken ct)
    {
        var options = new EmbeddedPostgresOptions
        {
            DataDir = dir,
            // Durability stays on: restarts with -m immediate must replay the WAL like production would.
            // Commit times order fenced writes against leader terms (InvariantChecker).
            Settings = new Dictionary<string, string> { ["max_connections"] = "300", ["track_commit_timestamp"] = "on" },
        };
        return new ChaosPostgres(options, await EmbeddedPostgres.StartAsync(options, ct));
    }

    /// <summary>
    /// What <c>pg_ctl restart -m immediate</c> does: SIGQUIT to the postmaster (every backend dies without a
    /// checkpoint), then a start that goes through crash recovery. Same port.
    /// </summary>
    public async Task RestartImmediateAsync(CancellationToken ct)
    {
        var port = _server.Port;
        var pid = _server.Pid;
        Native.Signal(pid, Native.SigQuit);
        for (var i = 0; i < 300 && Native.IsAlive(pid); i++)
        {
            await Task.Delay(50, ct);
        }
        await _server.DisposeAsync();
        _server = await EmbeddedPostgres.StartAsync(_options, ct);
        if (_server.Port != port)
        {
            throw new InvalidOperationException($"PostgreSQL came back on port {_server.Port}, not {port}.");
        }
    }

    /// <summary>Runs <c>pg_terminate_backend</c> on every connection with <paramref name="applicationName"/>; answers how many.</summary>
    public async Task<int> TerminateBackendsAsync(string applicationName, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = @app AND pid <> pg_backend_pid()", connection);
        command.Parameters.AddWithValue("app", applicationName);
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}
