using Microsoft.Extensions.Options;

namespace Overseer.Sidecar.Relay;

/// <summary>
/// Shared mode: on start, delivers what the spool holds from a previous run; on stop, keeps delivering accepted results
/// for up to <see cref="RelayOptions.DrainTimeout"/>.
/// </summary>
internal sealed class SharedRelayService(SharedSessions sessions, IOptions<RelayOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        sessions.Resume();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => sessions.DrainAsync(options.Value.DrainTimeout, cancellationToken);
}
