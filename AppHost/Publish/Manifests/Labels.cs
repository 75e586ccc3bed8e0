using System.Text.Json.Nodes;

namespace Overseer.AppHost.Publish.Manifests;

/// <summary>
/// The recommended <c>app.kubernetes.io/*</c> labels. Job pods made by the executor must carry
/// <c>app.kubernetes.io/name: overseer</c> and <c>app.kubernetes.io/component: task</c> (or <c>runtime</c>), because the
/// NetworkPolicies select them that way (docs/configuration.md).
/// </summary>
internal static class Labels
{
    public const string Name = "app.kubernetes.io/name";
    public const string Component = "app.kubernetes.io/component";
    public const string PartOf = "app.kubernetes.io/part-of";
    public const string ManagedBy = "app.kubernetes.io/managed-by";
    public const string App = "overseer";

    /// <summary>Labels of an object that belongs to no single component (Namespace, Role, shared ConfigMaps).</summary>
    public static JsonObject Common() => new()
    {
        [Name] = App,
        [PartOf] = App,
        [ManagedBy] = "overseer-publish",
    };

    public static JsonObject For(string component) => new()
    {
        [Name] = App,
        [Component] = component,
        [PartOf] = App,
        [ManagedBy] = "overseer-publish",
    };

    /// <summary>The stable subset used in selectors (selectors of Deployments cannot change later).</summary>
    public static JsonObject Selector(string component) => new()
    {
        [Name] = App,
        [Component] = component,
    };
}
