namespace Overseer.Api.Kubernetes.Models;

/// <summary>A Kubernetes object: type information and metadata.</summary>
public interface IKubernetesObject
{
    /// <summary>Group/version, e.g. <c>batch/v1</c>.</summary>
    string? ApiVersion { get; set; }

    /// <summary>Kind, e.g. <c>Job</c>.</summary>
    string? Kind { get; set; }

    /// <summary>Standard object metadata.</summary>
    ObjectMeta Metadata { get; set; }
}
