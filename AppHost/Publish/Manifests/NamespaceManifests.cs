using Overseer.AppHost.Publish.Values;

namespace Overseer.AppHost.Publish.Manifests;

/// <summary>The Namespace (when <c>namespace.create</c>), enforcing Pod Security "restricted" on everything in it.</summary>
internal static class NamespaceManifests
{
    public static IEnumerable<KubeObject> Build(PublishValues v)
    {
        if (!v.Namespace.Create)
        {
            yield break;
        }
        var labels = Labels.Common();
        foreach (var mode in new[] { "enforce", "warn", "audit" })
        {
            labels[$"pod-security.kubernetes.io/{mode}"] = "restricted";
        }
        yield return KubeObject.Create("v1", "Namespace", v.Namespace.Name, null, labels);
    }
}
