namespace Overseer.Contracts.Signing;

/// <summary>The Api's answer to a valid enrollment.</summary>
/// <param name="Key">The attempt key, base64url (32 bytes).</param>
/// <param name="HeartbeatIntervalSeconds">How often the sidecar should send heartbeats while the runner lives.</param>
public sealed record EnrollmentResponse(string Key, int HeartbeatIntervalSeconds);
