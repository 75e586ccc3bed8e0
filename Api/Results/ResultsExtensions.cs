using Overseer.Api.Execution.Local;

namespace Overseer.Api.Results;

/// <summary>Registers the result relay's Api side.</summary>
public static class ResultsExtensions
{
    /// <summary>Adds options (<c>Results</c>), the keyring, the verifier, the store, metrics, the nonce sweeper and the local attempt environment.</summary>
    public static IHostApplicationBuilder AddResults(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ResultsOptions>().Bind(builder.Configuration.GetSection("Results"))
            .Validate(o => o.ClockSkew > TimeSpan.Zero && o.ClockSkew <= TimeSpan.FromHours(1), "Results:ClockSkew must be between 0 and 1 hour")
            .Validate(o => o.MaxBodyBytes is >= 1024 and <= 256L * 1024 * 1024, "Results:MaxBodyBytes must be between 1 KiB and 256 MiB")
            .ValidateOnStart();
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<ResultKeyring>();
        builder.Services.AddSingleton<ResultsMetrics>();
        builder.Services.AddSingleton<SignedRequestVerifier>();
        builder.Services.AddSingleton<ResultStore>();
        builder.Services.AddSingleton<ResultServices>();
        builder.Services.AddSingleton<IAttemptEnvironment, LocalResultEnvironment>();
        builder.Services.AddHostedService<NonceSweeperService>();
        return builder;
    }
}
