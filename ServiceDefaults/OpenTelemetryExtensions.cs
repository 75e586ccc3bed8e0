using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Overseer.ServiceDefaults;

/// <summary>OpenTelemetry over OTLP, switched on by <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> as under Aspire.</summary>
public static class OpenTelemetryExtensions
{
    /// <summary>Meters and activity sources of Overseer's own code start with this.</summary>
    public const string OverseerPrefix = "Overseer.";

    /// <summary>Adds traces, metrics and logs exported over OTLP when an endpoint is configured; nothing otherwise.</summary>
    public static TBuilder AddOpenTelemetryDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return builder;
        }
        builder.Logging.AddOpenTelemetry(o =>
        {
            o.IncludeFormattedMessage = true;
            o.IncludeScopes = true;
        });
        builder.Services.AddOpenTelemetry()
            .WithMetrics(m => m.AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http",
                OverseerPrefix + "*"))
            .WithTracing(t => t.AddSource("Microsoft.AspNetCore", "System.Net.Http", OverseerPrefix + "*"))
            .UseOtlpExporter();
        return builder;
    }
}
