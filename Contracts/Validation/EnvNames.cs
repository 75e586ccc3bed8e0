using System.Text.RegularExpressions;

namespace Overseer.Contracts.Validation;

/// <summary>Rules for environment variable names a task may set.</summary>
public static partial class EnvNames
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "PATH", "LD_PRELOAD", "LD_LIBRARY_PATH", "LD_AUDIT", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "ALL_PROXY",
        "TRACEPARENT", "TRACESTATE",
    };

    private static readonly string[] ReservedPrefixes = ["OVERSEER_", "KUBERNETES_"];

    /// <summary>Returns null when <paramref name="name"/> may be set by a task, else what is wrong with it.</summary>
    public static string? Check(string name)
    {
        if (name.Length == 0)
        {
            return "name must not be empty";
        }
        if (name.Length > 256)
        {
            return "name must be at most 256 characters";
        }
        if (!NamePattern().IsMatch(name))
        {
            return "name must start with a letter or '_' and hold only letters, digits and '_' (no '=', NUL or spaces)";
        }
        if (Reserved.Contains(name) || ReservedPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
        {
            return $"'{name}' is reserved: Overseer sets it (reserved: PATH, LD_*, proxies, TRACEPARENT, OVERSEER_*, KUBERNETES_*)";
        }
        return null;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
