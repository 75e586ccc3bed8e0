using Microsoft.Extensions.Options;

namespace Overseer.Sidecar.Relay;

/// <summary>Registers the result relay.</summary>
public static class RelayExtensions
{
    /// <summary>Adds the relay (section <c>Relay</c>; the Api's address from <c>services:api:http:0</c>).</summary>
    public static IHostApplicationBuilder AddRelay(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("Relay").Get<RelayOptions>() ?? new RelayOptions();
        builder.Services.AddOptions<RelayOptions>().Bind(builder.Configuration.GetSection("Relay"))
            .Validate(o => !o.PerPod || (o.Attempt >= 1 && !string.IsNullOrWhiteSpace(o.EnrollmentToken)),
                "Relay:TaskId needs Relay:Attempt (1 or more) and Relay:EnrollmentToken")
            .Validate(o => o.MaxResultBytes is >= 1024 and <= 16 * 1024 * 1024, "Relay:MaxResultBytes must be between 1 KiB and 16 MiB")
            .Validate(o => o.RetryInitialDelay > TimeSpan.Zero && o.RetryMaxDelay >= o.RetryInitialDelay, "Relay retry delays must be positive and ordered")
            .ValidateOnStart();
        // Results are delivered while stopping: give the host the drain time.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.DrainTimeout + TimeSpan.FromSeconds(5));
        // Shared-mode URLs carry a token: request paths must never be logged, whatever the log level.
        builder.Services.AddSingleton<IPostConfigureOptions<LoggerFilterOptions>, RequestLogRedaction>();
        builder.Services.AddSingleton<ApiClient>();
        builder.Services.AddSingleton<ResultSpool>();
        builder.Services.AddSingleton<ResultRelay>();
        builder.Services.AddSingleton<PodAttempt>();
        builder.Services.AddSingleton<SharedSessions>();
        builder.Services.AddHostedService<RelayStartup>();
        if (settings.PerPod)
        {
            builder.Services.AddHostedService<PodRelayService>();
        }
        else
        {
            builder.Services.AddHostedService<SharedRelayService>();
        }
        return builder;
    }
}
