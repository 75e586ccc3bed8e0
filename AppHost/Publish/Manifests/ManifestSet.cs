using Overseer.AppHost.Publish.Values;

namespace Overseer.AppHost.Publish.Manifests;

/// <summary>Every object publish writes for a set of values, in apply order.</summary>
internal static class ManifestSet
{
    public static IReadOnlyList<KubeObject> Build(PublishValues v)
    {
        var objects = new List<KubeObject>();
        objects.AddRange(NamespaceManifests.Build(v));
        objects.AddRange(RbacManifests.Build(v));
        if (SecretManifests.Secret(v) is { } secret)
        {
            objects.Add(secret);
        }
        objects.AddRange(ApiManifests.Build(v));
        objects.AddRange(ScalingManifests.Build(v));
        objects.AddRange(DashboardManifests.Build(v));
        objects.AddRange(PostgresManifests.Build(v));
        objects.AddRange(NetworkPolicyManifests.Build(v));
        return objects;
    }
}
