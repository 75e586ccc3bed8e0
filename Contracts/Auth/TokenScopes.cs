namespace Overseer.Contracts.Auth;

/// <summary>Scopes of API tokens. <c>admin</c> includes <c>write</c>, which includes <c>read</c>.</summary>
public static class TokenScopes
{
    /// <summary>Read everything.</summary>
    public const string Read = "read";
    /// <summary>Submit, cancel, retry, enqueue.</summary>
    public const string Write = "write";
    /// <summary>Manage tokens and definitions.</summary>
    public const string Admin = "admin";

    /// <summary>Every scope, weakest first.</summary>
    public static readonly IReadOnlyList<string> All = [Read, Write, Admin];
}
