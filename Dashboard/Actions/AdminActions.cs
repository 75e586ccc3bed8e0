using System.Net;
using Overseer.Contracts.Client;
using Overseer.Contracts.Users;
using Overseer.Dashboard.Api;
using Overseer.Dashboard.Security;

namespace Overseer.Dashboard.Actions;

/// <summary>Changes to users and tokens (admin policy; the Api requires the admin scope again).</summary>
internal static class AdminActions
{
    /// <summary>One change per form: a role, a disabled flag or a new password.</summary>
    public static async Task<IResult> UpdateUserAsync(string name, IFormCollection form, ApiSession api, CurrentUser user, ILogger<ApiSession> logger)
    {
        var change = new UpdateUserRequest
        {
            Role = form.TryGetValue("role", out var role) ? role.ToString() : null,
            Disabled = form.TryGetValue("disabled", out var disabled) ? disabled == "true" : null,
            Password = form.TryGetValue("password", out var password) ? password.ToString() : null,
        };
        try
        {
            await api.Client.UpdateUserAsync(name, change);
        }
        catch (OverseerApiException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            return ActionOutcome.Failed("/admin/users", "last-admin");
        }
        catch (OverseerApiException e) when (e.StatusCode != HttpStatusCode.Unauthorized)
        {
            return ActionOutcome.Failed("/admin/users", ActionOutcome.ErrorCode(e));
        }
        DashboardLog.Action(logger, user.Name ?? "?", "change user", name);
        return ActionOutcome.Done("/admin/users", "user-updated");
    }

    public static Task<IResult> RevokeTokenAsync(Guid id, ApiSession api, CurrentUser user, ILogger<ApiSession> logger) =>
        ActionOutcome.RunAsync("/admin/tokens", async () =>
        {
            await api.Client.RevokeTokenAsync(id);
            DashboardLog.Action(logger, user.Name ?? "?", "revoke token", id.ToString());
            return ActionOutcome.Done("/admin/tokens", "token-revoked");
        });
}
