using Microsoft.Extensions.Options;

namespace Overseer.Sidecar.Relay;

/// <summary>
/// Per-pod mode: enrolls at start and sends heartbeats while the runner lives. When asked to stop (Kubernetes stops a
/// native sidecar after the runner terminated) it attaches the output files to the posted result and delivers it,
/// retrying for up to <see cref="RelayOptions.DrainTimeout"/>.
/// </summary>
internal sealed class PodRelayService(ResultRelay relay, PodAttempt pod, IOptions<RelayOptions> options, TimeProvider time,
    ILogger<PodRelayService> logger) : BackgroundService
{
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        var session = pod.Session!;
        var settings = options.Value;
        var files = OutputCollector.Collect(settings.OutDir, settings.MaxOutputBytes, settings.MaxOutputFiles, logger);
        if (session.Result is null && files.Count == 0)
        {
            session.Finished.TrySetResult();
            return;
        }
        using var drain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        drain.CancelAfter(settings.DrainTimeout);
        await relay.DeliverAsync(session, ResultRelay.Envelope(session.Result, files), files.Count, drain.Token);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var session = pod.Session!;
        if (!await relay.EnrollAsync(session, stoppingToken))
        {
            return;
        }
        using var timer = new PeriodicTimer(session.HeartbeatInterval, time);
        do
        {
            var outcome = await relay.HeartbeatAsync(session, stoppingToken);
            RelayLog.Heartbeat(logger, session.TaskId, session.Attempt, $"{outcome.Kind} {outcome.Status}");
            if (outcome.Kind == ApiOutcomeKind.Refused)
            {
                // The attempt ended or was fenced: heartbeats can no longer help.
                return;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
