using Overseer.Api.Kubernetes.Models;

namespace Overseer.Api.Kubernetes.Resources;

/// <summary>All pages of a list, and the resource version to watch from.</summary>
public sealed record ListResult<T>(IReadOnlyList<T> Items, string ResourceVersion) where T : IKubernetesObject;
