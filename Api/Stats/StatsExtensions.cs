using Overseer.Contracts.Json;

namespace Overseer.Api.Stats;

/// <summary>Registers the overview counters.</summary>
public static class StatsExtensions
{
    /// <summary>Adds <see cref="StatsStore"/> and the compactor.</summary>
    public static IHostApplicationBuilder AddStats(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<StatsOptions>(builder.Configuration.GetSection("Stats"));
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            if (!o.SerializerOptions.TypeInfoResolverChain.Contains(AdminJsonContext.Default))
            {
                o.SerializerOptions.TypeInfoResolverChain.Add(AdminJsonContext.Default);
            }
        });
        builder.Services.AddSingleton<StatsStore>();
        builder.Services.AddHostedService<StatsCompactorService>();
        return builder;
    }
}
