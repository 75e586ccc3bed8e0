using Microsoft.Extensions.Options;
using Npgsql;
using Overseer.Api.Infrastructure.Database;

namespace Overseer.Api.Queues;

/// <summary>
/// The connection pool of the queue hot paths (enqueue and the runtime protocol). It is the Api's database with
/// <c>No Reset On Close</c>: by default Npgsql sends a session reset when a pooled connection is reused, which is
/// a transaction of its own and would double the commits per claim. These statements leave no session state
/// behind (no temp tables, settings, locks or LISTEN), so the reset buys nothing here. It also forces generic plans:
/// left to choose, PostgreSQL re-plans these parameterised CTE statements on every execution (their generic cost
/// estimate looks high), which costs more CPU than running them; <see cref="QueueSql"/> is written so that the
/// generic plans are the good ones (tested in ClaimPlanTests).
/// </summary>
public sealed class QueueDataSource : IDisposable
{
    /// <summary>Builds the pool from <c>ConnectionStrings:overseer</c>.</summary>
    public QueueDataSource(IConfiguration configuration, IOptions<QueueOptions> options)
    {
        var connectionString = configuration.GetConnectionString(DatabaseExtensions.ConnectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{DatabaseExtensions.ConnectionName} is not set.");
        var csb = new NpgsqlConnectionStringBuilder(connectionString)
        {
            NoResetOnClose = true,
            MaxPoolSize = options.Value.MaxConnections,
            ApplicationName = "Overseer.Api/queues",
        };
        csb.Options = $"{csb.Options} -c plan_cache_mode=force_generic_plan".Trim();
        if (csb.CommandTimeout == new NpgsqlConnectionStringBuilder().CommandTimeout)
        {
            csb.CommandTimeout = 15;
        }
        if (csb.KeepAlive == 0)
        {
            csb.KeepAlive = 10;
        }
        Db = NpgsqlDataSource.Create(csb.ConnectionString);
    }

    /// <summary>The pool.</summary>
    public NpgsqlDataSource Db { get; }

    /// <inheritdoc />
    public void Dispose() => Db.Dispose();
}
