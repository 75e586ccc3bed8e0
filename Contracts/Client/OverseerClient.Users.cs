using System.Net.Http.Json;
using Overseer.Contracts.Json;
using Overseer.Contracts.Users;

namespace Overseer.Contracts.Client;

public sealed partial class OverseerClient
{
    /// <summary>Signs a user in: answers a new session whose token carries the user's role as scope. Needs no token.</summary>
    public Task<SessionDto> LoginAsync(string user, string password, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "api/v1/sessions", JsonContent.Create(new LoginRequest(user, password), AdminJson.Lenient.LoginRequest),
            AdminJson.Lenient.SessionDto, ct);

    /// <summary>Who the client's session token belongs to (fails with 401 once it is revoked or expired).</summary>
    public Task<CurrentSessionDto> GetCurrentSessionAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, "api/v1/sessions/current", null, AdminJson.Lenient.CurrentSessionDto, ct);

    /// <summary>Revokes the client's session token.</summary>
    public Task LogoutAsync(CancellationToken ct = default) => SendAsync(HttpMethod.Delete, "api/v1/sessions/current", ct);

    /// <summary>Lists users (admin scope).</summary>
    public Task<IReadOnlyList<UserDto>> ListUsersAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, "api/v1/users", null, AdminJson.Lenient.IReadOnlyListUserDto, ct);

    /// <summary>Creates a user (admin scope).</summary>
    public Task<UserDto> CreateUserAsync(CreateUserRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "api/v1/users", JsonContent.Create(request, AdminJson.Lenient.CreateUserRequest), AdminJson.Lenient.UserDto, ct);

    /// <summary>Changes a user's role, password or disabled flag (admin scope); ends the user's sessions.</summary>
    public Task<UserDto> UpdateUserAsync(string name, UpdateUserRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Patch, $"api/v1/users/{Uri.EscapeDataString(name)}", JsonContent.Create(request, AdminJson.Lenient.UpdateUserRequest),
            AdminJson.Lenient.UserDto, ct);

    private async Task SendAsync(HttpMethod method, string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        using var response = await http.SendAsync(request, ct);
        await EnsureSuccessAsync(response, ct);
    }
}
