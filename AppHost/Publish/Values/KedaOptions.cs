namespace Overseer.AppHost.Publish.Values;

/// <summary><c>api.keda.*</c>: a KEDA ScaledObject that scales the Api on the number of queued tasks (needs KEDA installed).</summary>
internal sealed record KedaOptions(bool Enabled, int QueueDepthTarget, int PollingInterval)
{
    public static KedaOptions Read(ValuesSection s) => new(
        s.Bool("enabled", false),
        s.Int("queueDepthTarget", 100, 1, 1_000_000),
        s.Int("pollingInterval", 30, 5, 3600));
}
