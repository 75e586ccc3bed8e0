using Microsoft.Extensions.Options;
using Overseer.Api.Execution;

namespace Overseer.Api.Results;

/// <summary>The services the result endpoints share (one singleton, so handlers take one parameter).</summary>
internal sealed class ResultServices(
    SignedRequestVerifier verifier, ResultStore store, ResultKeyring keys, ResultsMetrics metrics, IOptions<ResultsOptions> options,
    IOptions<ExecutorOptions> executor, ILogger<ResultStore> logger)
{
    public SignedRequestVerifier Verifier => verifier;

    public ResultStore Store => store;

    public ResultKeyring Keys => keys;

    public ResultsMetrics Metrics => metrics;

    public ResultsOptions Options => options.Value;

    public ExecutorOptions Executor => executor.Value;

    public ILogger Logger => logger;

    /// <summary>Until when a nonce signed at <paramref name="signedAt"/> must be remembered.</summary>
    public DateTimeOffset NonceExpiry(DateTimeOffset signedAt) => signedAt + Options.ClockSkew + TimeSpan.FromMinutes(1);
}
