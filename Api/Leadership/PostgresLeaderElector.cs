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
    ILogger<PostgresLeaderElector> logger) : BackgroundService, ILeadership
{
    private volatile LeaderFence? _current;
    private long _lastRenewed;

    /// <inheritdoc />
    public LeaderFence? Current => _current;

    /// <summary>One election step: acquire or renew. Tests call it directly.</summary>
    public async Task RunOnceAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var args = new { name = settings.LeaseName, holder = identity.Id, ttlSeconds = settings.LeaseDuration.TotalSeconds, term = _current?.Term ?? 0 };
        try
        {
            await using var connection = await db.OpenConnectionAsync(ct);
            var term = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                _current is null ? LeaseSql.Acquire : LeaseSql.Renew, args, cancellationToken: ct));
            if (term is { } t)
            {
                if (_current is null)
                {
                    LeadershipLog.Acquired(logger, identity.Id, t);
                }
                _current = new LeaderFence(settings.LeaseName, t, identity.Id);
                Volatile.Write(ref _lastRenewed, time.GetTimestamp());
            }
            else if (_current is not null)
            {
                LeadershipLog.Lost(logger, identity.Id, _current.Term);
                _current = null;
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            LeadershipLog.RenewFailed(logger, e.Message);
        }
        if (_current is { } held && time.GetElapsedTime(Volatile.Read(ref _lastRenewed)) > settings.RenewDeadline)
        {
            LeadershipLog.SteppedDown(logger, identity.Id, held.Term);
            _current = null;
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await RunOnceAsync(stoppingToken);
            try
            {
                await Task.Delay(options.Value.RetryPeriod, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_current is { } held)
        {
            _current = null;
            try
            {
                await using var connection = await db.OpenConnectionAsync(cancellationToken);
                await connection.ExecuteAsync(new CommandDefinition(LeaseSql.Release,
                    new { name = held.LeaseName, holder = held.Holder, term = held.Term }, cancellationToken: cancellationToken));
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or OperationCanceledException)
            {
                LeadershipLog.RenewFailed(logger, e.Message);
            }
        }
    }
}
