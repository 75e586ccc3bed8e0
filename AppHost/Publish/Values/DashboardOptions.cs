namespace Overseer.AppHost.Publish.Values;

/// <summary><c>dashboard.*</c>: the admin UI's Deployment.</summary>
internal sealed record DashboardOptions(
    bool Enabled,
    ImageOptions Image,
    int Replicas,
    ResourcesOptions Resources,
    IReadOnlyList<KeyValuePair<string, string>> PodAnnotations,
    PlacementOptions Placement)
{
    public static readonly ResourcesOptions DefaultResources = ResourcesOptions.Of("100m", "128Mi", "500m", "512Mi");

    public static DashboardOptions Read(ValuesSection s) => new(
        s.Bool("enabled", true),
        ImageOptions.Read(s.Section("image"), "overseer/dashboard"),
        s.Int("replicas", 1, 0, 100),
        ResourcesOptions.Read(s, "resources", DefaultResources),
        s.StringMap("podAnnotations", Names.QualifiedKey),
        PlacementOptions.Read(s));
}
