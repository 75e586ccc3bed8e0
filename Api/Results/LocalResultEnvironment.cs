using Overseer.Api.Execution;
using Overseer.Api.Execution.Local;

namespace Overseer.Api.Results;

/// <summary>
/// Gives each local attempt the sidecar's addresses: <c>OVERSEER_RESULT_URL</c> carries a one-time enrollment token
/// minted for that attempt only, so one task cannot post another's result through the shared sidecar; the proxy
/// variables point at the sidecar's egress proxy. Addresses come from <c>services:sidecar:http:0</c> and
/// <c>services:sidecar:proxy:0</c> (AppHost sets both); without them nothing is added.
/// </summary>
internal sealed class LocalResultEnvironment(ResultKeyring keys, IConfiguration configuration) : IAttemptEnvironment
{
    /// <summary>Hosts that bypass the proxy (the sidecar's relay is one of them).</summary>
    public const string NoProxy = "127.0.0.1,localhost,::1";

    public IEnumerable<KeyValuePair<string, string>> For(ClaimedAttempt attempt)
    {
        if (configuration["services:sidecar:http:0"] is { Length: > 0 } relay)
        {
            var token = keys.MintEnrollmentToken(attempt.Key.TaskId, attempt.Key.Attempt);
            yield return new("OVERSEER_RESULT_URL", FormattableString.Invariant(
                $"{relay.TrimEnd('/')}/v1/attempts/{attempt.Key.TaskId:D}/{attempt.Key.Attempt}/{token}/result"));
        }
        if (configuration["services:sidecar:proxy:0"] is { Length: > 0 } proxy)
        {
            foreach (var name in new[] { "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy" })
            {
                yield return new(name, proxy);
            }
            yield return new("NO_PROXY", NoProxy);
            yield return new("no_proxy", NoProxy);
        }
    }
}
