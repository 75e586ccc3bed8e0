using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Hosting;
using Overseer.AppHost.Children;
using Overseer.AppHost.Model;

namespace Overseer.AppHost.Supervision;

/// <summary>
/// Echoes each service's console output to AppHost's own, one <c>name | line</c> per line, as before Aspire: the
/// Aspire dashboard shows the same logs, but a terminal (and CI) should not need a browser to see why a service failed.
/// </summary>
internal sealed partial class ResourceLogEcho(ResourceNotificationService notifications, ResourceLoggerService logs, ConsoleSink sink) : BackgroundService
{
    private readonly ConcurrentDictionary<string, Task> _watching = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken))
            {
                if (OverseerModel.Services.Contains(update.Resource.Name))
                {
                    _ = _watching.GetOrAdd(update.ResourceId, id => EchoAsync(update.Resource.Name, id, stoppingToken));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>The line without Aspire's timestamp (the services print their own) and without colour codes.</summary>
    internal static string Plain(string content)
    {
        var text = AspireTimestamp().Replace(content, "", 1);
        return AnsiCode().Replace(text, "");
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z ")]
    private static partial Regex AspireTimestamp();

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex AnsiCode();

    private async Task EchoAsync(string name, string resourceId, CancellationToken ct)
    {
        try
        {
            await foreach (var batch in logs.WatchAsync(resourceId).WithCancellation(ct))
            {
                foreach (var line in batch)
                {
                    sink.Line(name, Plain(line.Content));
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
