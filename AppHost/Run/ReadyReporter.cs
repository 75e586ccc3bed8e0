using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Hosting;
using Overseer.AppHost.Children;
using Overseer.AppHost.Model;

namespace Overseer.AppHost.Run;

/// <summary>
/// Waits until every service is healthy and prints the ready table. A service that is not healthy within the start
/// timeout stops the run with exit code 2 and one line that names it.
/// </summary>
internal sealed class ReadyReporter(
    ResourceNotificationService notifications, DistributedApplicationModel model, ReadyTable table, ConsoleSink sink,
    IHostApplicationLifetime lifetime) : BackgroundService
{
    /// <summary>How long start-up may take.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Once stopping begins (Ctrl-C during start-up), the run is not "ready", whatever becomes healthy meanwhile.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        stoppingToken = stopping.Token;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(StartTimeout);
        string? waitingFor = null;
        try
        {
            foreach (var name in OverseerModel.Services.Where(n => model.Resources.Any(r => r.Name == n)))
            {
                waitingFor = name;
                await notifications.WaitForResourceHealthyAsync(name, timeout.Token);
            }
            var isolation = table.Options.Executor == "local" ? await Isolation.AskAsync(table, stoppingToken) : null;
            sink.Raw(table.Render(isolation));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped while starting.
        }
        catch (Exception e) when (e is OperationCanceledException or DistributedApplicationException)
        {
            await Console.Error.WriteLineAsync($"error: {waitingFor} did not become healthy within {StartTimeout.TotalSeconds:0}s; see its log lines above.");
            Environment.ExitCode = 2;
            lifetime.StopApplication();
        }
    }
}
