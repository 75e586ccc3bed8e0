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
    ILogger<KubernetesLeaderElector> logger) : LeaderElector(identity, options, time, logger)
{
    private string? _observedRecord;
    private long _observedAt;

    private string LeaseName => Settings.LeaseName + "-leader";

    /// <inheritdoc />
    protected override async Task ElectAsync(CancellationToken ct)
    {
        var settings = Settings;
        try
        {
            var lease = await client.Leases.TryGetAsync(client.Namespace, LeaseName, ct);
            var now = Time.GetUtcNow();
            if (lease is null)
            {
                lease = await client.Leases.CreateAsync(client.Namespace, NewRecord(new Lease { Metadata = new ObjectMeta { Name = LeaseName } }, 1, now), ct);
                await BecomeOrStayLeaderAsync(lease, ct);
            }
            else
            {
                Observe(lease);
                var spec = lease.Spec ?? new LeaseSpec();
                if (spec.HolderIdentity == Identity.Id)
                {
                    spec.RenewTime = now;
                    await BecomeOrStayLeaderAsync(await client.Leases.ReplaceAsync(client.Namespace, lease, ct), ct);
                }
                else if (string.IsNullOrEmpty(spec.HolderIdentity) || Time.GetElapsedTime(_observedAt) > settings.LeaseDuration)
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
            LeadershipLog.RenewFailed(Logger, e.Message);
        }
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (Resign() is null)
        {
            return;
        }
        try
        {
            // Release: an empty holder lets the next replica take over at once.
            var lease = await client.Leases.GetAsync(client.Namespace, LeaseName, cancellationToken);
            if (lease.Spec?.HolderIdentity == Identity.Id)
            {
                lease.Spec.HolderIdentity = null;
                await client.Leases.ReplaceAsync(client.Namespace, lease, cancellationToken);
            }
        }
        catch (Exception e) when (e is KubernetesException or HttpRequestException or TaskCanceledException)
        {
            LeadershipLog.RenewFailed(Logger, e.Message);
        }
    }

    private Lease NewRecord(Lease lease, int transitions, DateTimeOffset now)
    {
        lease.Spec = new LeaseSpec
        {
            HolderIdentity = Identity.Id,
            LeaseDurationSeconds = (int)Math.Ceiling(Settings.LeaseDuration.TotalSeconds),
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
            _observedAt = Time.GetTimestamp();
        }
    }

    private async Task BecomeOrStayLeaderAsync(Lease lease, CancellationToken ct)
    {
        Observe(lease);
        var term = (long)(lease.Spec?.LeaseTransitions ?? 1);
        await using var connection = await db.OpenConnectionAsync(ct);
        var mirrored = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(LeaseSql.Mirror, new
        {
            name = Settings.LeaseName,
            holder = Identity.Id,
            term,
            ttlSeconds = Settings.LeaseDuration.TotalSeconds,
        }, cancellationToken: ct));
        if (mirrored is null)
        {
            StepDown();
            return;
        }
        Lead(term);
    }
}
