using Overseer.Api.Kubernetes;

namespace Overseer.Api.Execution.Kubernetes;

/// <summary>Feeds the executor from the one shared pod watch and Job watch of the namespace, and runs its periodic sweep.</summary>
public sealed class KubernetesWatchService(KubernetesExecutor executor, KubernetesClient client, TimeProvider time,
    ILogger<KubernetesWatchService> logger) : BackgroundService
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(2);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        KubernetesExecutorLog.Watching(logger, client.Namespace, JobLabels.Selector);
        using var pods = executor.Pods.Subscribe(executor.OnPodAsync);
        using var jobs = executor.Jobs.Subscribe(executor.OnJobAsync);
        using var timer = new PeriodicTimer(SweepInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await executor.SweepAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    KubernetesExecutorLog.SweepFailed(logger, e.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // What this process asked of the API server, by verb and resource: the "requests per task" of benchmarks.
        var counts = client.Metrics.Snapshot().OrderBy(c => c.Key.Resource).ThenBy(c => c.Key.Verb).Select(c => $"{c.Key.Verb} {c.Key.Resource}={c.Value}");
        KubernetesExecutorLog.RequestCounts(logger, string.Join(", ", counts));
    }
}
