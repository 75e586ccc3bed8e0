namespace Overseer.Api.Kubernetes.Models;

/// <summary>One event of a watch stream (errors are thrown, not returned).</summary>
public sealed record WatchEvent<T>(WatchEventType Type, T Object) where T : IKubernetesObject;
