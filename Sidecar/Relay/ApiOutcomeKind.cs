namespace Overseer.Sidecar.Relay;

/// <summary>Classes of Api answers.</summary>
internal enum ApiOutcomeKind
{
    /// <summary>2xx.</summary>
    Accepted,

    /// <summary>A 4xx other than 408 and 429: retrying cannot help.</summary>
    Refused,

    /// <summary>No answer, a timeout, 408, 429 or 5xx: try again later.</summary>
    Unavailable,
}
