namespace Overseer.Api.Kubernetes.Models;

/// <summary>core/v1 Toleration.</summary>
public sealed class Toleration
{
    public string? Key { get; set; }
    public string? Operator { get; set; }
    public string? Value { get; set; }
    public string? Effect { get; set; }
    public long? TolerationSeconds { get; set; }
}
