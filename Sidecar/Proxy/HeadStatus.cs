namespace Overseer.Sidecar.Proxy;

/// <summary>How reading a request head ended.</summary>
internal enum HeadStatus
{
    /// <summary>A complete head is buffered.</summary>
    Complete,

    /// <summary>The client closed the connection between requests.</summary>
    Closed,

    /// <summary>The client closed the connection in the middle of a head.</summary>
    Truncated,

    /// <summary>The head is longer than allowed.</summary>
    TooLarge,
}
