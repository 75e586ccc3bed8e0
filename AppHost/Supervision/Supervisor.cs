using System.Collections.Concurrent;
using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Hosting;
using Overseer.AppHost.Children;
using Overseer.AppHost.Model;

namespace Overseer.AppHost.Supervision;

/// <summary>
/// Keeps the services up and stops them in order. Aspire starts each resource once; this watches their snapshots,
/// records every new pid, and restarts a service that exits on its own with backoff (Aspire's start command). On
/// stop it runs before Aspire tears the orchestrator down: the Api first (it records what becomes of running local
/// attempts while PostgreSQL is still up), then the Dashboard and the Sidecar, then PostgreSQL.
/// </summary>
internal sealed class Supervisor(
    ResourceNotificationService notifications, ResourceCommandService commands, DistributedApplicationModel model,
    ConsoleSink sink, SupervisorSettings settings, TimeProvider time) : BackgroundService
{
    private readonly ConcurrentDictionary<string, ServiceState> _states = new();
    private volatile bool _stopping;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken))
            {
                if (OverseerModel.Services.Contains(update.Resource.Name))
                {
                    Observe(update);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        await StopAsync("api", settings.ApiStop, cancellationToken);
        await Task.WhenAll(StopAsync("dashboard", settings.OtherStop, cancellationToken), StopAsync("sidecar", settings.OtherStop, cancellationToken));
        await StopAsync("postgres", settings.OtherStop, cancellationToken);
        await base.StopAsync(cancellationToken);
    }

    private void Observe(ResourceEvent update)
    {
        var name = update.Resource.Name;
        var state = _states.GetOrAdd(name, _ => new ServiceState());
        var snapshot = update.Snapshot;
        var pid = snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value switch
        {
            int i => i,
            long l => (int)l,
            string s when int.TryParse(s, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => 0,
        };
        lock (state)
        {
            if (pid > 0 && pid != state.Pid && snapshot.State?.Text == KnownResourceStates.Running)
            {
                state.Pid = pid;
                state.StartedAt = time.GetUtcNow();
                state.Handled = false;
                File.AppendAllText(settings.PidsFile, $"{name} {pid}\n");
            }
            var exited = snapshot.State?.Text is { } text && (text == KnownResourceStates.Exited || text == KnownResourceStates.Finished || text == KnownResourceStates.FailedToStart);
            if (!exited || state.Pid == 0 || state.Handled || _stopping || state.StoppedOnPurpose)
            {
                return;
            }
            state.Handled = true;
            var ranFor = time.GetUtcNow() - state.StartedAt;
            state.Delay = ranFor >= settings.StableAfter || state.Delay == TimeSpan.Zero
                ? settings.FirstRestartDelay
                : TimeSpan.FromTicks(Math.Min(state.Delay.Ticks * 2, settings.MaxRestartDelay.Ticks));
            sink.Line("apphost", $"{name} exited with code {snapshot.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "?"}; restarting it in {state.Delay.TotalSeconds:0.#}s");
            _ = RestartAsync(name, update.ResourceId, state.Delay);
        }
    }

    private async Task RestartAsync(string name, string resourceId, TimeSpan delay)
    {
        await Task.Delay(delay, time);
        if (_stopping)
        {
            return;
        }
        var result = await commands.ExecuteCommandAsync(resourceId, KnownResourceCommands.StartCommand);
        if (!result.Success)
        {
            sink.Line("apphost", $"{name} could not be restarted: {result.Message}");
        }
    }

    private async Task StopAsync(string name, TimeSpan grace, CancellationToken ct)
    {
        var resource = model.Resources.FirstOrDefault(r => r.Name == name);
        if (resource is null)
        {
            return;
        }
        _states.GetOrAdd(name, _ => new ServiceState()).StoppedOnPurpose = true;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(grace);
        sink.Line("apphost", $"stopping {name}");
        try
        {
            var result = await commands.ExecuteCommandAsync(resource, KnownResourceCommands.StopCommand, timeout.Token);
            sink.Line("apphost", result.Success ? $"{name} stopped" : $"{name}: {result.Message}");
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException)
        {
            // Not started yet, or slow: Aspire's own teardown stops what is left.
            sink.Line("apphost", $"{name} did not stop within {grace.TotalSeconds:0}s; Aspire's teardown stops it");
        }
    }

    private sealed class ServiceState
    {
        public int Pid { get; set; }

        public DateTimeOffset StartedAt { get; set; }

        public TimeSpan Delay { get; set; }

        public bool Handled { get; set; }

        public bool StoppedOnPurpose { get; set; }
    }
}
