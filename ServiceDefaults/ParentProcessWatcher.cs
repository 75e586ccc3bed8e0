using System.Runtime.InteropServices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Overseer.ServiceDefaults;

/// <summary>
/// Stops the process when the AppHost that started it is gone, so a killed AppHost leaves nothing running.
/// AppHost passes its pid in <c>OVERSEER_PARENT_PID</c>; without it this does nothing.
/// </summary>
internal sealed partial class ParentProcessWatcher(
    IConfiguration configuration, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<ParentProcessWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!int.TryParse(configuration["OVERSEER_PARENT_PID"], out var parent) || !OperatingSystem.IsLinux())
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (GetParentPid() != parent)
            {
                ParentGone(logger, parent);
                lifetime.StopApplication();
                return;
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "getppid")]
    private static partial int GetParentPid();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Parent process {Pid} is gone; stopping")]
    private static partial void ParentGone(ILogger logger, int pid);
}
