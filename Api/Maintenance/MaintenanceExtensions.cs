using Microsoft.Extensions.Options;
using Overseer.Api.Execution;

namespace Overseer.Api.Maintenance;

/// <summary>Registers the maintenance loops that run on the leader.</summary>
public static class MaintenanceExtensions
{
    /// <summary>Adds the reaper.</summary>
    public static IHostApplicationBuilder AddMaintenance(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<ReaperOptions>(builder.Configuration.GetSection("Reaper"));
        builder.Services.AddOptions<ReaperOptions>().PostConfigure<IOptions<ExecutorOptions>>((reaper, executor) =>
            reaper.OutageGrace ??= executor.Value.HeartbeatTimeout);
        builder.Services.AddSingleton<ReaperService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ReaperService>());
        return builder;
    }
}
