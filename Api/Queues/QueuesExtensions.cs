using Microsoft.AspNetCore.Authentication;
using Overseer.Api.Execution;
using Overseer.Contracts.Queues;

namespace Overseer.Api.Queues;

/// <summary>Registers queues: stores, the runtime credential scheme, the spawner and lease expiry (leader loops), and pools.</summary>
public static class QueuesExtensions
{
    /// <summary>Adds the queue services (section <c>Queues</c>).</summary>
    public static IHostApplicationBuilder AddQueues(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<QueueOptions>().Bind(builder.Configuration.GetSection("Queues"))
            .Validate(o => o.MaxBatchItems is >= 1 and <= 100_000, "Queues:MaxBatchItems must be between 1 and 100000")
            .Validate(o => o.MaxConnections is >= 1 and <= 1000, "Queues:MaxConnections must be between 1 and 1000")
            .Validate(o => o.SpawnerInterval > TimeSpan.Zero && o.LeaseExpiryInterval > TimeSpan.Zero, "Queues intervals must be positive")
            .ValidateOnStart();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, QueuesJsonContext.Default));
        builder.Services.AddSingleton<QueueStore>();
        builder.Services.AddSingleton<QueueDataSource>();
        builder.Services.AddSingleton<QueueItemStore>();
        builder.Services.AddSingleton<RuntimeTokenStore>();
        builder.Services.AddSingleton<SpawnerSignal>();
        builder.Services.AddSingleton<WorkerLocator>();
        builder.Services.AddSingleton<IPoolProvisioner, PoolProvisioner>();
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, RuntimeTokenHandler>(RuntimeTokenHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder().AddPolicy(RuntimeTokenHandler.PolicyName, p => p
            .AddAuthenticationSchemes(RuntimeTokenHandler.SchemeName).RequireAuthenticatedUser().RequireClaim(RuntimeTokenHandler.QueueClaim));
        builder.Services.AddSingleton<LeaseExpiryService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LeaseExpiryService>());
        builder.Services.AddSingleton<QueueSpawnerService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<QueueSpawnerService>());
        return builder;
    }
}
