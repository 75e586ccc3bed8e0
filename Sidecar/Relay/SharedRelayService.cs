using Microsoft.Extensions.Options;

namespace Overseer.Sidecar.Relay;

/// <summary>Shared mode: on stop, keeps delivering accepted results for up to <see cref="RelayOptions.DrainTimeout"/>.</summary>
internal sealed class SharedRelayService(SharedSessions sessions, IOptions<RelayOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => sessions.DrainAsync(options.Value.DrainTimeout, cancellationToken);
}
