namespace Overseer.Api.Kubernetes.Resources;

/// <summary>Where a resource lives in the API: group, version, plural name.</summary>
public sealed record ResourceType(string Group, string Version, string Plural, string Kind)
{
    /// <summary>batch/v1 jobs.</summary>
    public static readonly ResourceType Jobs = new("batch", "v1", "jobs", "Job");

    /// <summary>core/v1 pods.</summary>
    public static readonly ResourceType Pods = new("", "v1", "pods", "Pod");

    /// <summary>core/v1 events.</summary>
    public static readonly ResourceType Events = new("", "v1", "events", "Event");

    /// <summary>coordination.k8s.io/v1 leases.</summary>
    public static readonly ResourceType Leases = new("coordination.k8s.io", "v1", "leases", "Lease");

    /// <summary><c>apiVersion</c> of objects of this type.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The collection path, in a namespace or (null) across all namespaces.</summary>
    public string CollectionPath(string? ns)
    {
        var root = Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";
        return ns is null ? $"{root}/{Plural}" : $"{root}/namespaces/{Uri.EscapeDataString(ns)}/{Plural}";
    }

    /// <summary>The path of one object.</summary>
    public string ObjectPath(string ns, string name) => $"{CollectionPath(ns)}/{Uri.EscapeDataString(name)}";
}
