using Overseer.AppHost.Model;
using System.Text.Json.Nodes;
using Overseer.AppHost.Publish.Values;

namespace Overseer.AppHost.Publish.Manifests;

/// <summary>What every pod publish writes has in common: the restricted security context, probes, placement.</summary>
internal static class PodDefaults
{
    /// <summary>UID and GID of the <c>app</c> user of the .NET runtime images, which our Dockerfiles run as.</summary>
    public const int AppUserId = 1654;

    /// <summary>Pod-level part of Pod Security "restricted": non-root and the runtime's default seccomp profile.</summary>
    public static JsonObject PodSecurityContext(int userId) => new()
    {
        ["runAsNonRoot"] = true,
        ["runAsUser"] = userId,
        ["runAsGroup"] = userId,
        ["fsGroup"] = userId,
        ["seccompProfile"] = new JsonObject { ["type"] = "RuntimeDefault" },
    };

    /// <summary>Container-level part of "restricted", plus a read-only root filesystem (writable paths are emptyDirs).</summary>
    public static JsonObject ContainerSecurityContext() => new()
    {
        ["allowPrivilegeEscalation"] = false,
        ["readOnlyRootFilesystem"] = true,
        ["runAsNonRoot"] = true,
        ["capabilities"] = new JsonObject { ["drop"] = new JsonArray("ALL") },
    };

    public static JsonObject HttpProbe(string path, int periodSeconds, int failureThreshold) => new()
    {
        ["httpGet"] = new JsonObject { ["path"] = path, ["port"] = "http" },
        ["periodSeconds"] = periodSeconds,
        ["timeoutSeconds"] = 3,
        ["failureThreshold"] = failureThreshold,
    };

    /// <summary><c>global.podAnnotations</c> merged with the component's, the component winning; null when empty.</summary>
    public static JsonObject? Annotations(GlobalOptions global, IEnumerable<KeyValuePair<string, string>> component, params KeyValuePair<string, string>[] own)
    {
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var (key, value) in global.PodAnnotations.Concat(component).Concat(own))
        {
            if (!merged.ContainsKey(key))
            {
                order.Add(key);
            }
            merged[key] = value;
        }
        return order.Count == 0 ? null : new JsonObject(order.Select(k => KeyValuePair.Create(k, (JsonNode?)merged[k])));
    }

    /// <summary>The pod spec's fields before <c>containers</c>, in a fixed order.</summary>
    public static JsonObject PodSpec(GlobalOptions global, string? serviceAccount, bool automountToken, int userId, PlacementOptions placement,
        string component, int maxReplicas)
    {
        var spec = new JsonObject();
        if (serviceAccount is not null)
        {
            spec["serviceAccountName"] = serviceAccount;
        }
        spec["automountServiceAccountToken"] = automountToken;
        // Service links put one set of variables per Service into every container; nothing here reads them.
        spec["enableServiceLinks"] = false;
        spec["securityContext"] = PodSecurityContext(userId);
        if (global.ImagePullSecrets.Count > 0)
        {
            spec["imagePullSecrets"] = PullSecrets(global);
        }
        if (placement.NodeSelectorJson() is { } nodeSelector)
        {
            spec["nodeSelector"] = nodeSelector;
        }
        if (placement.Tolerations.Count > 0)
        {
            spec["tolerations"] = placement.Tolerations.DeepClone();
        }
        if (placement.Affinity.Count > 0)
        {
            spec["affinity"] = placement.Affinity.DeepClone();
        }
        if (maxReplicas > 1)
        {
            spec["topologySpreadConstraints"] = new JsonArray(
                Spread("kubernetes.io/hostname", component),
                Spread("topology.kubernetes.io/zone", component));
        }
        return spec;
    }

    public static JsonArray PullSecrets(GlobalOptions global) =>
        new([.. global.ImagePullSecrets.Select(n => (JsonNode)new JsonObject { ["name"] = n })]);

    /// <summary>A size-limited emptyDir at /tmp: .NET writes its diagnostics socket there, and the root is read-only.</summary>
    public static JsonObject TmpVolume() => new() { ["name"] = "tmp", ["emptyDir"] = new JsonObject { ["sizeLimit"] = "256Mi" } };

    public static JsonObject TmpMount() => new() { ["name"] = "tmp", ["mountPath"] = "/tmp" };

    /// <summary>
    /// The <c>secretKeyRef</c> variables of one service, from the app model's table (<see cref="OverseerModel.SecretEnvironment"/>):
    /// <c>ConnectionStrings__overseer</c> for the services that use the database, then each secret parameter, read
    /// from the Secret key of the same name.
    /// </summary>
    public static IReadOnlyList<JsonObject> SecretEnvOf(string service, PublishValues v) =>
    [
        .. OverseerModel.DatabaseUsers.Contains(service)
            ? [SecretEnv($"ConnectionStrings__{OverseerModel.Database}", v.Secrets.Name, SecretsOptions.ConnectionStringKey)]
            : Array.Empty<JsonObject>(),
        .. OverseerModel.SecretEnvironment[service].Select(s => SecretEnv(s.Variable, v.Secrets.Name, s.Parameter)),
    ];

    public static JsonObject SecretEnv(string name, string secret, string key) => new()
    {
        ["name"] = name,
        ["valueFrom"] = new JsonObject { ["secretKeyRef"] = new JsonObject { ["name"] = secret, ["key"] = key } },
    };

    // ScheduleAnyway: spreading is a preference; a small cluster with one zone must still schedule every replica.
    private static JsonObject Spread(string topologyKey, string component) => new()
    {
        ["maxSkew"] = 1,
        ["topologyKey"] = topologyKey,
        ["whenUnsatisfiable"] = "ScheduleAnyway",
        ["labelSelector"] = new JsonObject { ["matchLabels"] = Labels.Selector(component) },
    };
}
