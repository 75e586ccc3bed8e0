namespace Overseer.AppHost.Publish.Values;

/// <summary><c>api.*</c>: the manager's Deployment.</summary>
internal sealed record ApiOptions(
    ImageOptions Image,
    int Replicas,
    ResourcesOptions Resources,
    IReadOnlyList<KeyValuePair<string, string>> PodAnnotations,
    PlacementOptions Placement,
    HpaOptions Hpa,
    KedaOptions Keda)
{
    public static readonly ResourcesOptions DefaultResources = ResourcesOptions.Of("250m", "256Mi", "1", "1Gi");

    public static ApiOptions Read(ValuesSection s)
    {
        var api = new ApiOptions(
            ImageOptions.Read(s.Section("image"), "overseer/api"),
            s.Int("replicas", 1, 0, 100),
            ResourcesOptions.Read(s, "resources", DefaultResources),
            s.StringMap("podAnnotations", Names.QualifiedKey),
            PlacementOptions.Read(s),
            HpaOptions.Read(s.Section("hpa")),
            KedaOptions.Read(s.Section("keda")));
        if (api.Hpa.Enabled && !api.Resources.Requests.ContainsKey("cpu"))
        {
            s.Error("resources.requests.cpu", "is needed by api.hpa (CPU utilisation is measured against the request)");
        }
        return api;
    }

    /// <summary>True when an autoscaler (HPA or KEDA) owns the replica count.</summary>
    public bool Autoscaled => Hpa.Enabled || Keda.Enabled;

    /// <summary>The most replicas the Api can have.</summary>
    public int MaxReplicas => Autoscaled ? Hpa.MaxReplicas : Replicas;
}
