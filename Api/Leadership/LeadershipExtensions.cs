namespace Overseer.Api.Leadership;

/// <summary>Registers leader election: a Postgres lease in local mode, a Kubernetes Lease with the Kubernetes executor.</summary>
public static class LeadershipExtensions
{
    /// <summary>Adds <see cref="ILeadership"/> backed by <see cref="PostgresLeaderElector"/>.</summary>
    public static IHostApplicationBuilder AddLeadership(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LeadershipOptions>().Bind(builder.Configuration.GetSection("Leadership"))
            .Validate(o => o.RenewDeadline < o.LeaseDuration && o.RetryPeriod < o.RenewDeadline,
                "Leadership: RetryPeriod < RenewDeadline < LeaseDuration is required")
            .ValidateOnStart();
        if (builder.Configuration["Executor:Kind"] == "kubernetes")
        {
            // In a cluster the leader is elected on a Kubernetes Lease (its term mirrored into the database for fencing).
            builder.Services.AddSingleton<KubernetesLeaderElector>();
            builder.Services.AddSingleton<ILeadership>(sp => sp.GetRequiredService<KubernetesLeaderElector>());
            builder.Services.AddHostedService(sp => sp.GetRequiredService<KubernetesLeaderElector>());
            return builder;
        }
        builder.Services.AddSingleton<PostgresLeaderElector>();
        builder.Services.AddSingleton<ILeadership>(sp => sp.GetRequiredService<PostgresLeaderElector>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PostgresLeaderElector>());
        return builder;
    }
}
