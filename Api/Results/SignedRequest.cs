namespace Overseer.Api.Results;

/// <summary>A request whose signature, timestamp and size were checked (its nonce not yet: that is the store's job).</summary>
/// <param name="TaskId">Signed task id.</param>
/// <param name="Attempt">Signed attempt.</param>
/// <param name="Nonce">Signed nonce.</param>
/// <param name="SignedAt">Signed timestamp.</param>
/// <param name="Body">The body.</param>
/// <param name="BodyHash">SHA-256 of the body.</param>
internal sealed record SignedRequest(Guid TaskId, int Attempt, string Nonce, DateTimeOffset SignedAt, byte[] Body, byte[] BodyHash);
