using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Overseer.KubeSim.Security;

/// <summary>Bearer tokens and per-user authorization rules. Users without a rule may do everything (like system:masters).</summary>
public sealed class SimUsers
{
    /// <summary>User name of the generated admin certificate and token.</summary>
    public const string AdminUser = "kubesim-admin";

    private readonly ConcurrentDictionary<string, SimUser> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Func<string, string, string?, bool>> _rules = new(StringComparer.Ordinal);

    /// <summary>Creates the user table with a random admin token.</summary>
    public SimUsers()
    {
        AdminToken = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        AddToken(AdminToken, AdminUser, "system:masters");
    }

    /// <summary>The admin's bearer token.</summary>
    public string AdminToken { get; }

    /// <summary>Accepts <paramref name="token"/> as <paramref name="user"/>.</summary>
    public void AddToken(string token, string user, params string[] groups) => _tokens[token] = new SimUser(user, groups);

    /// <summary>Stops accepting <paramref name="token"/>.</summary>
    public void RemoveToken(string token) => _tokens.TryRemove(token, out _);

    /// <summary>The user a token belongs to, or null.</summary>
    public SimUser? FromToken(string token) => _tokens.GetValueOrDefault(token);

    /// <summary>Limits <paramref name="user"/> to what <paramref name="allow"/> (verb, resource, namespace) permits.</summary>
    public void Restrict(string user, Func<string, string, string?, bool> allow) => _rules[user] = allow;

    /// <summary>True when the user may do <paramref name="verb"/> on <paramref name="resource"/> in <paramref name="ns"/>.</summary>
    public bool IsAllowed(SimUser user, string verb, string resource, string? ns) =>
        !_rules.TryGetValue(user.Name, out var allow) || allow(verb, resource, ns);
}
