using Microsoft.Extensions.Options;
using Overseer.Api.Kubernetes.Auth;
using Overseer.Api.Kubernetes.Config;
using Overseer.Api.Kubernetes.Metrics;
using Overseer.Api.Kubernetes.Watch;

namespace Overseer.Api.Kubernetes;

/// <summary>Registers the Kubernetes client.</summary>
public static class KubernetesExtensions
{
    /// <summary>
    /// Adds <see cref="KubernetesClient"/>, <see cref="KubernetesInformers"/> and <see cref="KubernetesMetrics"/>, configured from the
    /// <c>Kubernetes</c> section. The configuration is loaded when the client is first resolved, so a process that never uses
    /// Kubernetes never needs a kubeconfig.
    /// </summary>
    public static IHostApplicationBuilder AddKubernetesClient(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<KubernetesOptions>().Bind(builder.Configuration.GetSection(KubernetesOptions.SectionName))
            .Validate(o => o.Burst >= 1, "Kubernetes:Burst must be at least 1")
            .Validate(o => o.RequestTimeout > TimeSpan.Zero, "Kubernetes:RequestTimeout must be positive")
            .Validate(o => o.MaxRetries >= 0, "Kubernetes:MaxRetries must not be negative")
            .Validate(o => o.ListPageSize >= 1, "Kubernetes:ListPageSize must be at least 1");
        builder.Services.AddSingleton<KubernetesMetrics>();
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<KubernetesOptions>>().Value;
            var time = sp.GetService<TimeProvider>() ?? TimeProvider.System;
            var loggers = sp.GetRequiredService<ILoggerFactory>();
            var credentials = CredentialSettings.From(options, time, loggers.CreateLogger("Overseer.Api.Kubernetes.Auth"));
            return KubernetesConfigLoader.Load(options, credentials);
        });
        builder.Services.AddSingleton(sp => new KubernetesClient(
            sp.GetRequiredService<KubernetesClientConfiguration>(),
            sp.GetRequiredService<IOptions<KubernetesOptions>>().Value,
            sp.GetService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<KubernetesMetrics>()));
        builder.Services.AddSingleton(sp => new KubernetesInformers(sp.GetRequiredService<KubernetesClient>()));
        return builder;
    }
}
