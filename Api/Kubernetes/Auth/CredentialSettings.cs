using Microsoft.Extensions.Logging.Abstractions;

namespace Overseer.Api.Kubernetes.Auth;

/// <summary>What credential providers need besides the kubeconfig: a clock, refresh and timeout settings, a logger.</summary>
public sealed record CredentialSettings(TimeProvider Time, TimeSpan TokenFileRefresh, TimeSpan ExecPluginTimeout, ILogger Logger)
{
    /// <summary>Settings taken from <paramref name="options"/>.</summary>
    public static CredentialSettings From(KubernetesOptions options, TimeProvider? time = null, ILogger? logger = null) =>
        new(time ?? TimeProvider.System, options.TokenFileRefresh, options.ExecPluginTimeout, logger ?? NullLogger.Instance);
}
