using System.Text.RegularExpressions;

namespace Overseer.Contracts.Validation;

/// <summary>Syntax rules of Kubernetes label keys and values, and resource quantities.</summary>
public static partial class KubernetesSyntax
{
    /// <summary>Returns null when <paramref name="key"/> is a valid label or annotation key.</summary>
    public static string? CheckKey(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? key : key[(slash + 1)..];
        if (slash >= 0)
        {
            var prefix = key[..slash];
            if (prefix.Length == 0 || prefix.Length > 253 || !SubdomainPattern().IsMatch(prefix))
            {
                return "key prefix must be a DNS subdomain of at most 253 characters";
            }
        }
        if (name.Length == 0 || name.Length > 63 || !NamePattern().IsMatch(name))
        {
            return "key name must be 1..63 characters of letters, digits, '-', '_' and '.', starting and ending alphanumeric";
        }
        return null;
    }

    /// <summary>Returns null when <paramref name="value"/> is a valid label value.</summary>
    public static string? CheckLabelValue(string value) =>
        value.Length == 0 || (value.Length <= 63 && NamePattern().IsMatch(value))
            ? null
            : "label value must be empty or 1..63 characters of letters, digits, '-', '_' and '.', starting and ending alphanumeric";

    /// <summary>Returns null when <paramref name="value"/> is a resource quantity such as <c>100m</c> or <c>1Gi</c>.</summary>
    public static string? CheckQuantity(string value) =>
        value.Length <= 64 && QuantityPattern().IsMatch(value) ? null : "must be a quantity such as 500m, 2, 128Mi or 1G";

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SubdomainPattern();

    [GeneratedRegex("^\\+?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+|[numkMGTPE]|[KMGTPE]i)?$", RegexOptions.CultureInvariant)]
    private static partial Regex QuantityPattern();
}
