namespace Overseer.Api.Kubernetes.Models;

/// <summary>Types of watch events.</summary>
public enum WatchEventType
{
    Added,
    Modified,
    Deleted,
    Bookmark,
    Error,
}
