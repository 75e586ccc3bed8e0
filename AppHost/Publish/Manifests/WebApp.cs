using System.Text.Json.Nodes;
using Overseer.AppHost.Publish.Values;

namespace Overseer.AppHost.Publish.Manifests;

/// <summary>What differs between the Api's and the Dashboard's Deployment, Service and PodDisruptionBudget.</summary>
internal sealed record WebApp(
    string Name,
    string Component,
    ImageOptions Image,
    int? Replicas,
    int MaxReplicas,
    ResourcesOptions Resources,
    IReadOnlyList<KeyValuePair<string, string>> PodAnnotations,
    PlacementOptions Placement,
    string? ServiceAccount,
    bool AutomountToken,
    KubeObject ConfigMap,
    IReadOnlyList<JsonObject> SecretEnv)
{
    public KubeObject Deployment(PublishValues v)
    {
        var spec = new JsonObject();
        if (Replicas is { } replicas)
        {
            spec["replicas"] = replicas;
        }
        spec["selector"] = new JsonObject { ["matchLabels"] = Labels.Selector(Component) };
        var metadata = new JsonObject { ["labels"] = Labels.For(Component) };
        if (PodDefaults.Annotations(v.Global, PodAnnotations, KeyValuePair.Create("checksum/config", ConfigManifests.Hash(ConfigMap))) is { } annotations)
        {
            metadata["annotations"] = annotations;
        }
        var pod = PodDefaults.PodSpec(v.Global, ServiceAccount, AutomountToken, PodDefaults.AppUserId, Placement, Component, MaxReplicas);
        pod["containers"] = new JsonArray(Container(v));
        pod["volumes"] = new JsonArray(PodDefaults.TmpVolume());
        spec["template"] = new JsonObject { ["metadata"] = metadata, ["spec"] = pod };
        return KubeObject.Create("apps/v1", "Deployment", Name, v.Namespace.Name, Labels.For(Component), ("spec", spec));
    }

    public KubeObject Service(PublishValues v) => KubeObject.Create("v1", "Service", Name, v.Namespace.Name, Labels.For(Component), ("spec", new JsonObject
    {
        ["type"] = "ClusterIP",
        ["selector"] = Labels.Selector(Component),
        ["ports"] = new JsonArray(new JsonObject
        {
            ["name"] = "http",
            ["port"] = ObjectNames.HttpPort,
            ["targetPort"] = "http",
            ["protocol"] = "TCP",
        }),
    }));

    /// <summary>At most one pod down by choice: keeps the others serving, and never blocks a node drain with one replica.</summary>
    public KubeObject DisruptionBudget(PublishValues v) =>
        KubeObject.Create("policy/v1", "PodDisruptionBudget", Name, v.Namespace.Name, Labels.For(Component), ("spec", new JsonObject
        {
            ["maxUnavailable"] = 1,
            ["selector"] = new JsonObject { ["matchLabels"] = Labels.Selector(Component) },
        }));

    private JsonObject Container(PublishValues v)
    {
        var container = new JsonObject
        {
            ["name"] = Component,
            ["image"] = Image.Reference(v.Global),
            ["imagePullPolicy"] = v.Global.ImagePullPolicy,
            ["ports"] = new JsonArray(new JsonObject { ["name"] = "http", ["containerPort"] = ObjectNames.HttpPort, ["protocol"] = "TCP" }),
            ["envFrom"] = new JsonArray(new JsonObject { ["configMapRef"] = new JsonObject { ["name"] = ConfigMap.Name } }),
        };
        if (SecretEnv.Count > 0)
        {
            container["env"] = new JsonArray([.. SecretEnv]);
        }
        container["resources"] = Resources.ToJson();
        // Startup waits up to 2 minutes (migrations on first start); after that liveness restarts a hung process.
        container["startupProbe"] = PodDefaults.HttpProbe("/health/live", 2, 60);
        container["livenessProbe"] = PodDefaults.HttpProbe("/health/live", 10, 3);
        container["readinessProbe"] = PodDefaults.HttpProbe("/health/ready", 5, 3);
        container["securityContext"] = PodDefaults.ContainerSecurityContext();
        container["volumeMounts"] = new JsonArray(PodDefaults.TmpMount());
        return container;
    }
}
