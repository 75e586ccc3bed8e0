namespace Overseer.AppHost.Publish.Values;

/// <summary><c>sidecar.*</c>: the egress proxy and result relay that the executor adds to every job pod.</summary>
internal sealed record SidecarOptions(ImageOptions Image, ResourcesOptions Resources, IReadOnlyList<string> Allow)
{
    /// <summary>The seed chart's sidecar defaults: requests 100m/128Mi, limits 200m/256Mi.</summary>
    public static readonly ResourcesOptions DefaultResources = ResourcesOptions.Of("100m", "128Mi", "200m", "256Mi");

    public static SidecarOptions Read(ValuesSection s) => new(
        ImageOptions.Read(s.Section("image"), "overseer/sidecar"),
        ResourcesOptions.Read(s, "resources", DefaultResources),
        s.Strings("allow", AllowEntry.Check));
}
