using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Overseer.Api.Infrastructure.Database;

/// <summary>Ready means: the database answers and every migration is applied.</summary>
public sealed class DatabaseHealthCheck(Migrator migrator) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await migrator.IsUpToDateAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("database schema is not migrated");
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("database unreachable: " + e.GetType().Name);
        }
    }
}
