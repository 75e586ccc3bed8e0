using Microsoft.Extensions.Options;
using Overseer.Api.Execution.Kubernetes;
using Overseer.Api.Execution.Local;
using Overseer.Api.Infrastructure;
using Overseer.Api.Infrastructure.Notifications;

namespace Overseer.Api.Execution;

/// <summary>Registers the dispatcher, the attempt writer and the configured executor.</summary>
public static class ExecutionExtensions
{
    /// <summary>Adds execution services; <c>Executor:Kind</c> picks the executor (only <c>local</c> so far).</summary>
    public static IHostApplicationBuilder AddExecution(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Executor");
        builder.Services.AddOptions<ExecutorOptions>().Bind(section)
            .Validate(o => o.Concurrency is >= 1 and <= 1024, "Executor:Concurrency must be between 1 and 1024")
            .Validate(o => o.HeartbeatTimeout >= o.HeartbeatInterval * 2, "Executor:HeartbeatTimeout must be at least twice Executor:HeartbeatInterval")
            .Validate(o => o.Kind is "local" or "kubernetes", "Executor:Kind must be 'local' or 'kubernetes'")
            .Validate(o => o.Sandbox is "none" or "bwrap", "Executor:Sandbox must be 'none' or 'bwrap'")
            .ValidateOnStart();
        builder.Services.AddSingleton<InstanceIdentity>();
        builder.Services.AddSingleton<WorkSignal>();
        builder.Services.AddSingleton<LiveAttempts>();
        builder.Services.AddSingleton<ICancelRouter>(sp => sp.GetRequiredService<LiveAttempts>());
        builder.Services.AddSingleton<ExecutionMetrics>();
        builder.Services.AddSingleton<ClaimStore>();
        if (builder.Configuration["Executor:Kind"] == "kubernetes")
        {
            builder.AddKubernetesExecutor();
        }
        else
        {
            builder.Services.AddSingleton<LocalEnvSources>();
            builder.Services.AddSingleton<TaskIsolation>();
            builder.Services.AddSingleton<LocalProcessFactory>();
            builder.Services.AddSingleton<AttemptWorkDirs>();
            builder.Services.AddSingleton<ITaskExecutor, LocalExecutor>();
        }
        // Stop order is the reverse of this: the dispatcher stops (and reports its attempts) before the writer drains.
        builder.Services.AddSingleton<AttemptWriter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AttemptWriter>());
        builder.Services.AddHostedService<NotificationListener>();
        builder.Services.AddHostedService<DispatcherService>();
        return builder;
    }
}
