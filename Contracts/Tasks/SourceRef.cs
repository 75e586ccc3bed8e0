namespace Overseer.Contracts.Tasks;

/// <summary>A whole Secret or ConfigMap, e.g. <c>{"name": "db"}</c>.</summary>
public sealed record SourceRef
{
    /// <summary>The Secret's or ConfigMap's name (a DNS-1123 subdomain).</summary>
    public string Name { get; set; } = "";

    /// <summary>When true, a missing Secret or ConfigMap is skipped instead of failing the start.</summary>
    public bool Optional { get; set; }
}
