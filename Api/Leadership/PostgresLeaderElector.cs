using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using Overseer.Api.Infrastructure;
using Overseer.Api.StateMachine;

namespace Overseer.Api.Leadership;

/// <summary>
/// Leader election on a Postgres lease row (local mode). Each acquisition starts a new term; the leader renews every
/// retry period and steps down when it could not renew within the renew deadline, which is shorter than the lease,
/// so two leaders never act at once. Singleton writes also check the term in SQL (<see cref="TaskSql.HoldsLease"/>).
/// </summary>
public sealed class PostgresLeaderElector(
    NpgsqlDataSource db, InstanceIdentity identity, IOptions<LeadershipOptions> options, TimeProvider time,
    ILogger<PostgresLeaderElector> logger) : LeaderElector(identity, options, time, logger)
{
    /// <inheritdoc />
    protected override async Task ElectAsync(CancellationToken ct)
    {
        var settings = Settings;
        var args = new { name = settings.LeaseName, holder = Identity.Id, ttlSeconds = settings.LeaseDuration.TotalSeconds, term = Current?.Term ?? 0 };
        try
        {
            await using var connection = await db.OpenConnectionAsync(ct);
            var term = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                Current is null ? LeaseSql.Acquire : LeaseSql.Renew, args, cancellationToken: ct));
            if (term is { } t)
            {
                Lead(t);
            }
            else
            {
                StepDown();
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            LeadershipLog.RenewFailed(Logger, e.Message);
        }
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (Resign() is { } held)
        {
            try
            {
                await using var connection = await db.OpenConnectionAsync(cancellationToken);
                await connection.ExecuteAsync(new CommandDefinition(LeaseSql.Release,
                    new { name = held.LeaseName, holder = held.Holder, term = held.Term }, cancellationToken: cancellationToken));
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or OperationCanceledException)
            {
                LeadershipLog.RenewFailed(Logger, e.Message);
            }
        }
    }
}
