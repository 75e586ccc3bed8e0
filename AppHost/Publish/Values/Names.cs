using System.Text.RegularExpressions;

namespace Overseer.AppHost.Publish.Values;

/// <summary>Checks for Kubernetes names and keys; each answers an error message or null.</summary>
internal static partial class Names
{
    public static string? Dns1123Label(string value) =>
        value.Length <= 63 && LabelPattern().IsMatch(value) ? null : $"'{value}' is not a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters)";

    public static string? Dns1123Subdomain(string value) =>
        value.Length <= 253 && value.Split('.').All(p => p.Length <= 63 && LabelPattern().IsMatch(p))
            ? null
            : $"'{value}' is not a DNS-1123 subdomain (lower-case letters, digits, '-' and '.', at most 253 characters)";

    /// <summary>Label and annotation keys: an optional DNS subdomain prefix and '/', then a name of at most 63 characters.</summary>
    public static string? QualifiedKey(string value)
    {
        var slash = value.LastIndexOf('/');
        var prefix = slash < 0 ? null : value[..slash];
        var name = slash < 0 ? value : value[(slash + 1)..];
        var ok = name.Length is > 0 and <= 63 && QualifiedNamePattern().IsMatch(name) && (prefix is null || Dns1123Subdomain(prefix) is null);
        return ok ? null : $"'{value}' is not a valid key (optional DNS prefix and '/', then letters, digits, '-', '_' or '.')";
    }

    /// <summary>Text without whitespace or control characters (image names, registry hosts, proxy rules).</summary>
    public static string? Token(string value) =>
        value.Length is > 0 and <= 512 && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            ? null
            : $"'{value}' must be non-empty, at most 512 characters, without spaces";

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex LabelPattern();

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex QualifiedNamePattern();
}
