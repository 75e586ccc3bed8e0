using Overseer.Api.Kubernetes;

namespace Overseer.Api.Execution.Kubernetes;

/// <summary>Registers the Kubernetes executor.</summary>
public static class KubernetesExecutorExtensions
{
    /// <summary>Adds the client, the Job builder, the executor (also the adopter of orphaned Jobs) and the shared watch.</summary>
    public static IHostApplicationBuilder AddKubernetesExecutor(this IHostApplicationBuilder builder)
    {
        builder.AddKubernetesClient();
        builder.Services.AddOptions<KubernetesExecutorOptions>().Bind(builder.Configuration.GetSection(KubernetesOptions.SectionName))
            .Validate(o => o.SidecarPorts is "fixed" or "unique", "Kubernetes:SidecarPorts must be 'fixed' or 'unique'")
            .Validate(o => o.MaxConcurrentJobs >= 1, "Kubernetes:MaxConcurrentJobs must be at least 1")
            .Validate(o => o.TtlSecondsAfterFinished >= 0, "Kubernetes:TtlSecondsAfterFinished must not be negative")
            .ValidateOnStart();
        builder.Services.AddSingleton<JobBuilder>();
        builder.Services.AddSingleton<KubernetesAdoptionStore>();
        builder.Services.AddSingleton<KubernetesExecutor>();
        builder.Services.AddSingleton<ITaskExecutor>(sp => sp.GetRequiredService<KubernetesExecutor>());
        builder.Services.AddSingleton<IAttemptAdopter>(sp => sp.GetRequiredService<KubernetesExecutor>());
        builder.Services.AddHostedService<KubernetesWatchService>();
        return builder;
    }
}
