namespace Overseer.Sidecar.Relay;

/// <summary>How one request to the Api went.</summary>
/// <param name="Kind">Accepted, refused for good, or worth retrying.</param>
/// <param name="Status">HTTP status (0 when no answer).</param>
/// <param name="Detail">The problem's detail or the transport error, for logs.</param>
/// <param name="Body">The answer's body when accepted.</param>
internal sealed record ApiOutcome(ApiOutcomeKind Kind, int Status, string Detail, byte[]? Body = null);
