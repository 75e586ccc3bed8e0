using Npgsql;
using Overseer.AppHost.Postgres;

namespace Overseer.AppHost.Model;

/// <summary>
/// Probe of the local PostgreSQL resource: ready once the server accepts a connection and the app database exists
/// (created by the first successful probe), so the Api that waits for it finds its database.
/// </summary>
internal sealed class PostgresReadyCheck(PostgresLaunch launch, string database)
{
    private volatile bool _databaseReady;

    /// <summary>Null when ready, else why not.</summary>
    public async Task<string?> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!_databaseReady)
            {
                await EmbeddedPostgres.EnsureDatabaseAsync(launch.AdminConnectionString, database, cancellationToken);
                _databaseReady = true;
                return null;
            }
            var csb = new NpgsqlConnectionStringBuilder(launch.AdminConnectionString) { Pooling = false, Timeout = 3 };
            await using var connection = new NpgsqlConnection(csb.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return $"PostgreSQL on 127.0.0.1:{launch.Port} does not accept connections yet: {e.Message}";
        }
    }
}
