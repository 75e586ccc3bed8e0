namespace Overseer.Api.Kubernetes.Models;

/// <summary>core/v1 SeccompProfile (<c>RuntimeDefault</c>, <c>Localhost</c>).</summary>
public sealed class SeccompProfile
{
    public string Type { get; set; } = "";
    public string? LocalhostProfile { get; set; }
}
