namespace Overseer.Contracts.Signing;

/// <summary>The Api's endpoints for sidecars (paths as signed).</summary>
public static class InternalPaths
{
    /// <summary>Exchanges a one-time enrollment token for the attempt key.</summary>
    public const string Enrollments = "/internal/v1/enrollments";

    /// <summary>Receives a signed result envelope.</summary>
    public const string Results = "/internal/v1/results";

    /// <summary>Receives a signed heartbeat.</summary>
    public const string Heartbeats = "/internal/v1/heartbeats";
}
