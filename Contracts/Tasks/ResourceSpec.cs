namespace Overseer.Contracts.Tasks;

/// <summary>Kubernetes resource requirements, e.g. <c>{"requests": {"cpu": "100m"}}</c>.</summary>
public sealed record ResourceSpec
{
    /// <summary>Requested quantities by resource name.</summary>
    public IReadOnlyDictionary<string, string> Requests { get; set; } = new Dictionary<string, string>();

    /// <summary>Quantity limits by resource name.</summary>
    public IReadOnlyDictionary<string, string> Limits { get; set; } = new Dictionary<string, string>();
}
