namespace Overseer.Api.Kubernetes;

/// <summary>Settings of the Kubernetes client (configuration section <c>Kubernetes</c>).</summary>
public sealed class KubernetesOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Kubernetes";

    /// <summary>A kubeconfig path, or a colon-separated list merged as kubectl merges <c>KUBECONFIG</c>. Wins over everything else.</summary>
    public string? Kubeconfig { get; set; }

    /// <summary>The kubeconfig context to use instead of its <c>current-context</c>.</summary>
    public string? Context { get; set; }

    /// <summary>Overrides the context's (or the service account's) namespace.</summary>
    public string? Namespace { get; set; }

    /// <summary>Sustained requests per second of the client-side token bucket; 0 or less turns the limiter off.</summary>
    public double Qps { get; set; } = 50;

    /// <summary>Requests that may go out at once before <see cref="Qps"/> applies.</summary>
    public int Burst { get; set; } = 100;

    /// <summary>Limit of one request (watches and followed logs excepted: they are bounded by <see cref="WatchTimeout"/> or the caller).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first try (429, 5xx, connection failures; see docs/kubernetes-client.md for which verbs).</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>First retry delay without a <c>Retry-After</c>; doubles per retry, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest delay between retries, including a server's <c>Retry-After</c>.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Server-side limit of one watch request; each watch asks for a random time between this and twice this (as client-go does).</summary>
    public TimeSpan WatchTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>First delay before re-watching after a dropped watch; doubles up to <see cref="WatchRetryMaxDelay"/>.</summary>
    public TimeSpan WatchRetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest delay before re-watching.</summary>
    public TimeSpan WatchRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Page size of informer lists (<c>limit</c>).</summary>
    public int ListPageSize { get; set; } = 500;

    /// <summary>How often a token file (kubeconfig <c>tokenFile</c>, in-cluster service-account token) is read again.</summary>
    public TimeSpan TokenFileRefresh { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Limit of one run of an exec credential plugin.</summary>
    public TimeSpan ExecPluginTimeout { get; set; } = TimeSpan.FromMinutes(1);
}
