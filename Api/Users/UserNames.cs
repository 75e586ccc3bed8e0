using System.Text.RegularExpressions;

namespace Overseer.Api.Users;

/// <summary>User names are compared lower-case: "Admin" and "admin" are the same user.</summary>
internal static partial class UserNames
{
    public const int MaxLength = 64;

    public static string Normalize(string name) => name.Trim().ToLowerInvariant();

    /// <summary>Null when <paramref name="normalized"/> is a valid name, else what is wrong.</summary>
    public static string? Check(string normalized) =>
        normalized.Length is 0 or > MaxLength || !Pattern().IsMatch(normalized)
            ? $"must be 1..{MaxLength} characters: letters, digits, '.', '_', '@' and '-', starting with a letter or digit"
            : null;

    [GeneratedRegex("^[a-z0-9][a-z0-9._@-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
