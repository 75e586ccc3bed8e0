using Npgsql;
using Overseer.AppHost.Postgres;

namespace Overseer.Testing;

/// <summary>
/// One real PostgreSQL server per test process, started from the machine's binaries on first use (through the same
/// <see cref="EmbeddedPostgres"/> AppHost uses) and stopped by <see cref="PostgresServerFixture"/> at the end.
/// Each test class takes its own database from it, so classes run in parallel without sharing state.
/// </summary>
public static class PostgresServer
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static EmbeddedPostgres? _server;
    private static string? _dir;
    private static int _databases;

    /// <summary>The running server (started on first call).</summary>
    public static async Task<EmbeddedPostgres> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_server is null)
            {
                _dir = TestDirectories.Create("pg");
                _server = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions
                {
                    DataDir = _dir,
                    // Throwaway cluster: durability is not under test here (crash tests start their own).
                    Settings = new Dictionary<string, string> { ["fsync"] = "off", ["synchronous_commit"] = "off", ["full_page_writes"] = "off" },
                }, CancellationToken.None);
            }
            return _server;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Creates an empty database (optionally as a copy of <paramref name="template"/>) and answers its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix = "test", string? template = null)
    {
        var server = await GetAsync();
        var name = $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        await using (var connection = new NpgsqlConnection(server.AdminConnectionString))
        {
            await connection.OpenAsync();
            var sql = template is null ? $"CREATE DATABASE \"{name}\"" : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"";
            await using var create = new NpgsqlCommand(sql, connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Stops the server and removes its files.</summary>
    internal static async Task StopAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
            _server = null;
        }
        if (_dir is not null)
        {
            TestDirectories.Delete(_dir);
        }
    }
}
