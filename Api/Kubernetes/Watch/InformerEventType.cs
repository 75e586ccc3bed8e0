namespace Overseer.Api.Kubernetes.Watch;

/// <summary>What happened to a cached object.</summary>
public enum InformerEventType
{
    Added,
    Modified,
    Deleted,
}
