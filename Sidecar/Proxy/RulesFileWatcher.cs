using Microsoft.Extensions.Options;

namespace Overseer.Sidecar.Proxy;

/// <summary>
/// Re-reads <c>Proxy:RulesFile</c> every <c>Proxy:RulesFileReloadInterval</c> and applies it when its content changed.
/// Polling the content (not file events) also catches Kubernetes ConfigMap updates, which swap a symlink.
/// </summary>
internal sealed class RulesFileWatcher(ProxyRules rules, IOptionsMonitor<ProxyOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CurrentValue.RulesFileReloadInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (options.CurrentValue.RulesFile is { Length: > 0 } path)
            {
                rules.ReloadFile(path);
            }
        }
    }
}
