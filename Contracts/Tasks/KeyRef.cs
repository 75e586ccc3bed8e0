namespace Overseer.Contracts.Tasks;

/// <summary>One key of a Secret or ConfigMap, e.g. <c>{"name": "db", "key": "password"}</c>.</summary>
public sealed record KeyRef
{
    /// <summary>The Secret's or ConfigMap's name (a DNS-1123 subdomain).</summary>
    public string Name { get; set; } = "";

    /// <summary>The key in it.</summary>
    public string Key { get; set; } = "";

    /// <summary>When true, a missing Secret, ConfigMap or key leaves the variable unset instead of failing the start.</summary>
    public bool Optional { get; set; }
}
