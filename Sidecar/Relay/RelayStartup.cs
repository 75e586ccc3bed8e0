using Microsoft.Extensions.Options;

namespace Overseer.Sidecar.Relay;

/// <summary>Says at start which mode the relay runs in and where the Api is.</summary>
internal sealed class RelayStartup(ApiClient api, IOptions<RelayOptions> options, ILogger<RelayStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (api.BaseAddress is null)
        {
            RelayLog.NoApi(logger);
        }
        else if (settings.PerPod)
        {
            RelayLog.PerPod(logger, settings.TaskId!.Value, settings.Attempt, api.BaseAddress.ToString());
        }
        else
        {
            RelayLog.Shared(logger, api.BaseAddress.ToString());
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
