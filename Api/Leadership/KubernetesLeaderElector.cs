using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using Overseer.Api.Infrastructure;
using Overseer.Api.Kubernetes;
using Overseer.Api.Kubernetes.Errors;
using Overseer.Api.Kubernetes.Models;
using Overseer.Api.StateMachine;

namespace Overseer.Api.Leadership;

/// <summary>
/// Leader election on a coordination.k8s.io/v1 Lease, as client-go does it: the holder renews every retry period with
/// optimistic concurrency; others take the lease once its record has not changed for a lease duration, measured on
/// their own monotonic clock (so clock skew cannot hand it over early); a holder that cannot renew within the renew
/// deadline steps down. Each acquisition is a new term (the Lease's <c>leaseTransitions</c>), mirrored into the
/// database's lease row so that singleton writes are fenced by the same SQL check as in local mode.
/// </summary>
public sealed class KubernetesLeaderElector(
    KubernetesClient client, NpgsqlDataSource db, InstanceIdentity identity, IOptions<LeadershipOptions> options, TimeProvider time,
    ILogger<KubernetesLeaderElector> logger) : BackgroundService, ILeadership
{
    private volatile LeaderFence? _current;
    private string? _observedRecord;
    private long _observedAt;
    private long _lastRenewed;

    /// <inheritdoc />
    public LeaderFence? Current => _current;

    private string LeaseName => options.Value.LeaseName + "-leader";

    /// <summary>One election step. Tests call it directly.</summary>
    public async Task RunOnceAsync(CancellationToken ct)
    {
        var settings = options.Value;
        try
        {
            var lease = await client.Leases.TryGetAsync(client.Namespace, LeaseName, ct);
            var now = time.GetUtcNow();
            if (lease is null)
            {
                lease = await client.Leases.CreateAsync(client.Namespace, NewRecord(new Lease { Metadata = new ObjectMeta { Name = LeaseName } }, 1, now), ct);
                await BecomeOrStayLeaderAsync(lease, ct);
            }
            else
            {
                Observe(lease);
                var spec = lease.Spec ?? new LeaseSpec();
                if (spec.HolderIdentity == identity.Id)
                {
                    spec.RenewTime = now;
                    await BecomeOrStayLeaderAsync(await client.Leases.ReplaceAsync(client.Namespace, lease, ct), ct);
                }
                else if (string.IsNullOrEmpty(spec.HolderIdentity) || time.GetElapsedTime(_observedAt) > settings.LeaseDuration)
                {
                    var taken = await client.Leases.ReplaceAsync(client.Namespace, NewRecord(lease, (spec.LeaseTransitions ?? 0) + 1, now), ct);
                    await BecomeOrStayLeaderAsync(taken, ct);
                }
                else
                {
                    StepDown();
                }
            }
        }
        catch (ConflictException)
        {
            // Someone else wrote the Lease first: they lead (or renewed); look again next round.
            StepDown();
        }
        catch (Exception e) when (e is KubernetesException or NpgsqlException or HttpRequestException or TaskCanceledException or TimeoutException)
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
        if (_current is null)
        {
            return;
        }
        _current = null;
        try
        {
            // Release: an empty holder lets the next replica take over at once.
            var lease = await client.Leases.GetAsync(client.Namespace, LeaseName, cancellationToken);
            if (lease.Spec?.HolderIdentity == identity.Id)
            {
                lease.Spec.HolderIdentity = null;
                await client.Leases.ReplaceAsync(client.Namespace, lease, cancellationToken);
            }
        }
        catch (Exception e) when (e is KubernetesException or HttpRequestException or TaskCanceledException)
        {
            LeadershipLog.RenewFailed(logger, e.Message);
        }
    }

    private Lease NewRecord(Lease lease, int transitions, DateTimeOffset now)
    {
        lease.Spec = new LeaseSpec
        {
            HolderIdentity = identity.Id,
            LeaseDurationSeconds = (int)Math.Ceiling(options.Value.LeaseDuration.TotalSeconds),
            AcquireTime = now,
            RenewTime = now,
            LeaseTransitions = transitions,
        };
        return lease;
    }

    private void Observe(Lease lease)
    {
        var record = $"{lease.Spec?.HolderIdentity}|{lease.Spec?.RenewTime:O}|{lease.Metadata.ResourceVersion}";
        if (record != _observedRecord)
        {
            _observedRecord = record;
            _observedAt = time.GetTimestamp();
        }
    }

    private async Task BecomeOrStayLeaderAsync(Lease lease, CancellationToken ct)
    {
        Observe(lease);
        var term = (long)(lease.Spec?.LeaseTransitions ?? 1);
        await using var connection = await db.OpenConnectionAsync(ct);
        var mirrored = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(LeaseSql.Mirror, new
        {
            name = options.Value.LeaseName,
            holder = identity.Id,
            term,
            ttlSeconds = options.Value.LeaseDuration.TotalSeconds,
        }, cancellationToken: ct));
        if (mirrored is null)
        {
            StepDown();
            return;
        }
        if (_current?.Term != term)
        {
            LeadershipLog.Acquired(logger, identity.Id, term);
        }
        _current = new LeaderFence(options.Value.LeaseName, term, identity.Id);
        Volatile.Write(ref _lastRenewed, time.GetTimestamp());
    }

    private void StepDown()
    {
        if (_current is { } held)
        {
            LeadershipLog.Lost(logger, identity.Id, held.Term);
            _current = null;
        }
    }
}
