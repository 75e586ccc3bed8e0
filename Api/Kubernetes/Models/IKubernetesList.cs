namespace Overseer.Api.Kubernetes.Models;

/// <summary>A list response: list metadata (resourceVersion, continue token) and items.</summary>
public interface IKubernetesList<T>
{
    /// <summary>List metadata.</summary>
    ListMeta Metadata { get; set; }

    /// <summary>The items of this page.</summary>
    List<T> Items { get; set; }
}
