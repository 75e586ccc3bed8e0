using Microsoft.Extensions.Options;
using Overseer.Api.Infrastructure;
using Overseer.Api.StateMachine;

namespace Overseer.Api.Leadership;

/// <summary>
/// What both elections share: one step every retry period, the current fence, and stepping down when the lease could
/// not be renewed within the renew deadline (shorter than the lease, so two leaders never act at once).
/// </summary>
public abstract class LeaderElector(InstanceIdentity identity, IOptions<LeadershipOptions> options, TimeProvider time, ILogger logger)
    : BackgroundService, ILeadership
{
    private volatile LeaderFence? _current;
    private long _lastRenewed;

    /// <inheritdoc />
    public LeaderFence? Current => _current;

    /// <summary>This instance.</summary>
    protected InstanceIdentity Identity => identity;

    /// <summary>The election settings.</summary>
    protected LeadershipOptions Settings => options.Value;

    /// <summary>The clock.</summary>
    protected TimeProvider Time => time;

    /// <summary>The elector's logger.</summary>
    protected ILogger Logger => logger;

    /// <summary>One election step: acquire or renew. Tests call it directly.</summary>
    public async Task RunOnceAsync(CancellationToken ct)
    {
        await ElectAsync(ct);
        if (_current is { } held && time.GetElapsedTime(Volatile.Read(ref _lastRenewed)) > options.Value.RenewDeadline)
        {
            LeadershipLog.SteppedDown(logger, identity.Id, held.Term);
            _current = null;
        }
    }

    /// <summary>Tries to acquire or renew; calls <see cref="Lead"/> on success and <see cref="StepDown"/> on a lost lease.</summary>
    protected abstract Task ElectAsync(CancellationToken ct);

    /// <summary>Records that this instance holds the lease in <paramref name="term"/> as of now.</summary>
    protected void Lead(long term)
    {
        if (_current?.Term != term)
        {
            LeadershipLog.Acquired(logger, identity.Id, term);
        }
        _current = new LeaderFence(options.Value.LeaseName, term, identity.Id);
        Volatile.Write(ref _lastRenewed, time.GetTimestamp());
    }

    /// <summary>Another instance holds the lease now.</summary>
    protected void StepDown()
    {
        if (_current is { } held)
        {
            LeadershipLog.Lost(logger, identity.Id, held.Term);
            _current = null;
        }
    }

    /// <summary>Forgets the lease at shutdown; answers what was held, for the release.</summary>
    protected LeaderFence? Resign()
    {
        var held = _current;
        _current = null;
        return held;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
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
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: whatever the last round threw (a cancelled command, a closed connection) is not a failure.
        }
    }
}
