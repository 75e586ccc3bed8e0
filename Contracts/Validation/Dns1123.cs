using System.Text.RegularExpressions;

namespace Overseer.Contracts.Validation;

/// <summary>Kubernetes DNS-1123 label rules: lower-case alphanumerics and '-', starting and ending alphanumeric, at most 63 characters.</summary>
public static partial class Dns1123
{
    /// <summary>Longest allowed label.</summary>
    public const int MaxLabelLength = 63;

    /// <summary>Returns null when <paramref name="value"/> is a valid label, else what is wrong with it.</summary>
    public static string? CheckLabel(string? value, int maxLength = MaxLabelLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "is required";
        }
        if (value.Length > maxLength)
        {
            return $"must be at most {maxLength} characters (got {value.Length})";
        }
        return LabelPattern().IsMatch(value)
            ? null
            : "must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit";
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelPattern();
}
