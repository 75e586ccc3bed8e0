using Overseer.Contracts.Client;
using Overseer.Dashboard.Security;

namespace Overseer.Dashboard.Api;

/// <summary>The Api as the signed-in user of the current request: every call carries the user's session token, so the Api checks the role too.</summary>
public sealed class ApiSession(ApiClients clients, IHttpContextAccessor accessor)
{
    private OverseerClient? _client;

    /// <summary>The client of the current user (throws when nobody is signed in; pages and actions require sign-in).</summary>
    public OverseerClient Client => _client ??= clients.For(SessionClaims.TokenOf(accessor.HttpContext?.User ?? new())
        ?? throw new InvalidOperationException("No signed-in user for this request."));
}
