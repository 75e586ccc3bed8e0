using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Npgsql;
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
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter("Microsoft.AspNetCore.Server.Kestrel", OverseerPrefix + "*"))
            .WithTracing(t => t
                .SetSampler(new ParentBasedSampler(new UncorrelatedClientSampler()))
                // Health probes every 100 ms would bury the traces that matter.
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource(OverseerPrefix + "*"))
            .UseOtlpExporter();
        return builder;
    }
}
