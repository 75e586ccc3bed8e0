using System.Text.Json.Nodes;
using Overseer.AppHost.Publish.Values;

namespace Overseer.AppHost.Publish.Manifests;

/// <summary>
/// ServiceAccounts and the Api's namespaced Role: exactly what the Kubernetes executor needs, and never Secrets,
/// exec, wildcards or anything cluster-scoped, so Overseer installs where only namespace rights exist.
/// </summary>
internal static class RbacManifests
{
    /// <summary>(apiGroup, resource, verbs) of the Api's Role.</summary>
    public static readonly (string Group, string Resource, string[] Verbs)[] Rules =
    [
        ("batch", "jobs", ["create", "get", "list", "watch", "delete", "patch"]),
        ("", "pods", ["get", "list", "watch"]),
        ("", "pods/log", ["get"]),
        ("", "events", ["get", "list", "watch"]),
        ("coordination.k8s.io", "leases", ["get", "create", "update"]),
    ];

    public static IEnumerable<KubeObject> Build(PublishValues v)
    {
        var ns = v.Namespace.Name;
        yield return KubeObject.Create("v1", "ServiceAccount", ObjectNames.Api, ns, Labels.For(ObjectNames.ApiComponent),
            ("automountServiceAccountToken", true));
        // Job pods get an identity of their own with no Role bound and no token: user code cannot call the Kubernetes API.
        yield return KubeObject.Create("v1", "ServiceAccount", ObjectNames.TaskServiceAccount, ns, Labels.For(ObjectNames.TaskComponent),
            ("automountServiceAccountToken", false));
        yield return KubeObject.Create("rbac.authorization.k8s.io/v1", "Role", ObjectNames.Api, ns, Labels.For(ObjectNames.ApiComponent),
            ("rules", new JsonArray([.. Rules.Select(r => (JsonNode)new JsonObject
            {
                ["apiGroups"] = new JsonArray(r.Group),
                ["resources"] = new JsonArray(r.Resource),
                ["verbs"] = new JsonArray([.. r.Verbs.Select(verb => (JsonNode)verb)]),
            })])));
        yield return KubeObject.Create("rbac.authorization.k8s.io/v1", "RoleBinding", ObjectNames.Api, ns, Labels.For(ObjectNames.ApiComponent),
            ("roleRef", new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "Role", ["name"] = ObjectNames.Api }),
            ("subjects", new JsonArray(new JsonObject { ["kind"] = "ServiceAccount", ["name"] = ObjectNames.Api, ["namespace"] = ns })));
    }
}
