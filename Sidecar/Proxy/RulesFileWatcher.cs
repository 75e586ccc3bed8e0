using Microsoft.Extensions.Options;

namespace Overseer.Sidecar.Proxy;

/// <summary>
/// Re-reads <c>Proxy:RulesFile</c> every <c>Proxy:RulesFileReloadInterval</c> and applies it when its content changed
/// and stayed the same for <see cref="Settle"/>, so a file caught half-written (an editor truncating, then writing) is
/// never applied. Polling the content (not file events) also catches Kubernetes ConfigMap updates, which swap a symlink.
/// </summary>
internal sealed class RulesFileWatcher(ProxyRules rules, IOptionsMonitor<ProxyOptions> options, TimeProvider time) : BackgroundService
{
    /// <summary>How long a changed content must stay the same before it is applied.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CurrentValue.RulesFileReloadInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (options.CurrentValue.RulesFile is { Length: > 0 } path && rules.ChangedFile(path) is { } changed)
            {
                await Task.Delay(Settle, time, stoppingToken);
                rules.ReloadFile(path, expected: changed);
            }
        }
    }
}
