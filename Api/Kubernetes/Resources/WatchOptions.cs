namespace Overseer.Api.Kubernetes.Resources;

/// <summary>Options of a watch request.</summary>
public sealed record WatchOptions
{
    /// <summary>Start after this resource version (normally the list's); empty starts with the current state as ADDED events.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>A label selector.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>A field selector.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Ask for BOOKMARK events, which carry only a newer resourceVersion to resume from.</summary>
    public bool AllowBookmarks { get; init; } = true;

    /// <summary>Server-side length of the watch; the stream then ends normally.</summary>
    public TimeSpan? Timeout { get; init; }
}
