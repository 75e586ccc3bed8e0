namespace Overseer.Contracts.Signing;

/// <summary>A sidecar's request to exchange its one-time enrollment token for the attempt key.</summary>
/// <param name="TaskId">Task the token was issued for.</param>
/// <param name="Attempt">Attempt the token was issued for.</param>
/// <param name="Token">The enrollment token (<c>ovre_...</c>).</param>
/// <param name="Instance">
/// A random value the sidecar process chose (base64url, 16 to 64 bytes). Retrying with the same token and instance is
/// answered with the key again; a second exchange from another instance marks the enrollment contested.
/// </param>
public sealed record EnrollmentRequest(Guid TaskId, int Attempt, string Token, string Instance);
