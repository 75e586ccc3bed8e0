using System.Text.Json.Nodes;
using Overseer.AppHost.Publish.Values;

namespace Overseer.AppHost.Publish.Manifests;

/// <summary>
/// NetworkPolicies (when <c>networkPolicy.enabled</c>):
/// <list type="bullet">
/// <item>the Api accepts traffic only from the Dashboard, job pods (their sidecars and runtimes) and
/// <c>networkPolicy.apiIngressFrom</c>;</item>
/// <item>job pods accept no traffic, and send only DNS to kube-dns, requests to the Api, and traffic to public addresses
/// (never private ranges or link-local/metadata addresses unless allowed);</item>
/// <item>the embedded PostgreSQL accepts only the Api (and KEDA's operator when KEDA is on).</item>
/// </list>
/// A NetworkPolicy applies to a whole pod, so it cannot tell a job's runner from its sidecar (they share the pod's
/// network); the sidecar enforces its host rules itself, and this policy is the floor under both (docs/publish.md).
/// </summary>
internal static class NetworkPolicyManifests
{
    /// <summary>Never reachable from job pods: private (RFC 1918, CGNAT, IPv6 ULA) and link-local ranges.</summary>
    public static readonly string[] BlockedV4 = ["10.0.0.0/8", "100.64.0.0/10", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16"];

    public static readonly string[] BlockedV6 = ["fc00::/7", "fe80::/10"];

    public const string MetadataAddress = "169.254.169.254/32";

    public static IEnumerable<KubeObject> Build(PublishValues v)
    {
        if (!v.NetworkPolicy.Enabled)
        {
            yield break;
        }
        yield return Api(v);
        yield return Jobs(v);
        if (v.Postgres.Embedded)
        {
            yield return Postgres(v);
        }
    }

    private static KubeObject Api(PublishValues v)
    {
        var from = new JsonArray();
        if (v.Dashboard.Enabled)
        {
            from.Add(Pods(ObjectNames.DashboardComponent));
        }
        from.Add(JobPods());
        foreach (var peer in v.NetworkPolicy.ApiIngressFrom)
        {
            from.Add(peer!.DeepClone());
        }
        return Policy(v, ObjectNames.Api, ObjectNames.ApiComponent, Selector(ObjectNames.ApiComponent), ["Ingress"],
            ("ingress", new JsonArray(new JsonObject { ["from"] = from, ["ports"] = Ports(ObjectNames.HttpPort) })));
    }

    private static KubeObject Jobs(PublishValues v)
    {
        var egress = new JsonArray
        {
            new JsonObject
            {
                ["to"] = new JsonArray(new JsonObject
                {
                    ["namespaceSelector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["kubernetes.io/metadata.name"] = "kube-system" } },
                    ["podSelector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["k8s-app"] = "kube-dns" } },
                }),
                ["ports"] = new JsonArray(Port(53, "UDP"), Port(53, "TCP")),
            },
            new JsonObject { ["to"] = new JsonArray(Pods(ObjectNames.ApiComponent)), ["ports"] = Ports(ObjectNames.HttpPort) },
            new JsonObject
            {
                ["to"] = new JsonArray(IpBlock("0.0.0.0/0", BlockedV4), IpBlock("::/0", BlockedV6)),
            },
        };
        if (v.Task.AllowMetadataService)
        {
            egress.Add(new JsonObject { ["to"] = new JsonArray(IpBlock(MetadataAddress, [])) });
        }
        foreach (var entry in v.Sidecar.Allow)
        {
            if (AllowEntry.Address(entry) is { } address)
            {
                var rule = new JsonObject { ["to"] = new JsonArray(IpBlock(address.Network.ToString(), [])) };
                if (address.Port is { } port)
                {
                    rule["ports"] = new JsonArray(Port(port, "TCP"));
                }
                egress.Add(rule);
            }
        }
        var selector = new JsonObject
        {
            ["matchLabels"] = new JsonObject { [Labels.Name] = Labels.App },
            ["matchExpressions"] = new JsonArray(new JsonObject
            {
                ["key"] = Labels.Component,
                ["operator"] = "In",
                ["values"] = new JsonArray(ObjectNames.TaskComponent, ObjectNames.RuntimeComponent),
            }),
        };
        return Policy(v, "overseer-jobs", ObjectNames.TaskComponent, selector, ["Ingress", "Egress"],
            ("ingress", new JsonArray()), ("egress", egress));
    }

    private static KubeObject Postgres(PublishValues v)
    {
        var from = new JsonArray(Pods(ObjectNames.ApiComponent));
        if (v.Api.Keda.Enabled)
        {
            // KEDA's operator runs the queue-depth query from its own namespace.
            from.Add(new JsonObject
            {
                ["namespaceSelector"] = new JsonObject(),
                ["podSelector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app.kubernetes.io/name"] = "keda-operator" } },
            });
        }
        return Policy(v, ObjectNames.Postgres, ObjectNames.PostgresComponent, Selector(ObjectNames.PostgresComponent), ["Ingress"],
            ("ingress", new JsonArray(new JsonObject { ["from"] = from, ["ports"] = Ports(ObjectNames.PostgresPort) })));
    }

    private static KubeObject Policy(PublishValues v, string name, string component, JsonObject podSelector, string[] types,
        params (string Key, JsonNode? Value)[] rules)
    {
        var spec = new JsonObject
        {
            ["podSelector"] = podSelector,
            ["policyTypes"] = new JsonArray([.. types.Select(t => (JsonNode)t)]),
        };
        foreach (var (key, value) in rules)
        {
            spec[key] = value;
        }
        return KubeObject.Create("networking.k8s.io/v1", "NetworkPolicy", name, v.Namespace.Name, Labels.For(component), ("spec", spec));
    }

    private static JsonObject Selector(string component) => new() { ["matchLabels"] = Labels.Selector(component) };

    private static JsonObject Pods(string component) => new() { ["podSelector"] = Selector(component) };

    private static JsonObject JobPods() => new()
    {
        ["podSelector"] = new JsonObject
        {
            ["matchLabels"] = new JsonObject { [Labels.Name] = Labels.App },
            ["matchExpressions"] = new JsonArray(new JsonObject
            {
                ["key"] = Labels.Component,
                ["operator"] = "In",
                ["values"] = new JsonArray(ObjectNames.TaskComponent, ObjectNames.RuntimeComponent),
            }),
        },
    };

    private static JsonObject IpBlock(string cidr, string[] except)
    {
        var block = new JsonObject { ["cidr"] = cidr };
        if (except.Length > 0)
        {
            block["except"] = new JsonArray([.. except.Select(e => (JsonNode)e)]);
        }
        return new JsonObject { ["ipBlock"] = block };
    }

    private static JsonArray Ports(int port) => new(Port(port, "TCP"));

    private static JsonObject Port(int port, string protocol) => new() { ["protocol"] = protocol, ["port"] = port };
}
