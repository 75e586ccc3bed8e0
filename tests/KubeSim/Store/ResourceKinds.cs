namespace Overseer.KubeSim.Store;

/// <summary>Every resource the simulator serves.</summary>
public static class ResourceKinds
{
    private static readonly string[] AllVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    /// <summary>core/v1 pods.</summary>
    public static readonly ResourceKind Pods = new("", "v1", "pods", "pod", "Pod", true, AllVerbs, ["po"]);

    /// <summary>core/v1 events.</summary>
    public static readonly ResourceKind Events = new("", "v1", "events", "event", "Event", true, AllVerbs, ["ev"]);

    /// <summary>core/v1 configmaps (stored as given; pods read them through env and envFrom).</summary>
    public static readonly ResourceKind ConfigMaps = new("", "v1", "configmaps", "configmap", "ConfigMap", true, AllVerbs, ["cm"]);

    /// <summary>core/v1 secrets (stored as given, <c>stringData</c> folded into <c>data</c>; pods read them through env and envFrom).</summary>
    public static readonly ResourceKind Secrets = new("", "v1", "secrets", "secret", "Secret", true, AllVerbs, []);

    /// <summary>core/v1 namespaces (read-only here: every namespace exists).</summary>
    public static readonly ResourceKind Namespaces = new("", "v1", "namespaces", "namespace", "Namespace", false, ["get", "list"], ["ns"]);

    /// <summary>batch/v1 jobs.</summary>
    public static readonly ResourceKind Jobs = new("batch", "v1", "jobs", "job", "Job", true, AllVerbs, []);

    /// <summary>coordination.k8s.io/v1 leases.</summary>
    public static readonly ResourceKind Leases = new("coordination.k8s.io", "v1", "leases", "lease", "Lease", true, AllVerbs, []);

    /// <summary>All of them.</summary>
    public static readonly IReadOnlyList<ResourceKind> All = [Pods, Events, ConfigMaps, Secrets, Namespaces, Jobs, Leases];

    /// <summary>The resource served at group/version/plural, or null.</summary>
    public static ResourceKind? Find(string group, string version, string plural) =>
        All.FirstOrDefault(r => r.Group == group && r.Version == version && r.Plural == plural);
}
