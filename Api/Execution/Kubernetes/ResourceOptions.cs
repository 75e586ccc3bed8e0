namespace Overseer.Api.Execution.Kubernetes;

/// <summary>Kubernetes requests and limits from configuration.</summary>
public sealed class ResourceOptions
{
    /// <summary>Requested quantities by resource name.</summary>
    public Dictionary<string, string> Requests { get; set; } = [];

    /// <summary>Limits by resource name.</summary>
    public Dictionary<string, string> Limits { get; set; } = [];
}
