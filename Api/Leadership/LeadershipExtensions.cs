namespace Overseer.Api.Leadership;

/// <summary>Registers leader election (a Postgres lease in local mode).</summary>
public static class LeadershipExtensions
{
    /// <summary>Adds <see cref="ILeadership"/> backed by <see cref="PostgresLeaderElector"/>.</summary>
    public static IHostApplicationBuilder AddLeadership(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LeadershipOptions>().Bind(builder.Configuration.GetSection("Leadership"))
            .Validate(o => o.RenewDeadline < o.LeaseDuration && o.RetryPeriod < o.RenewDeadline,
                "Leadership: RetryPeriod < RenewDeadline < LeaseDuration is required")
            .ValidateOnStart();
        builder.Services.AddSingleton<PostgresLeaderElector>();
        builder.Services.AddSingleton<ILeadership>(sp => sp.GetRequiredService<PostgresLeaderElector>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PostgresLeaderElector>());
        return builder;
    }
}
