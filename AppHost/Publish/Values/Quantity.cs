using System.Globalization;
using System.Text.RegularExpressions;

namespace Overseer.AppHost.Publish.Values;

/// <summary>Kubernetes resource quantities ("250m", "1.5", "512Mi", "1e3"), parsed so requests and limits can be compared.</summary>
internal static partial class Quantity
{
    /// <summary>The amount a quantity stands for, or null when the text is not a non-negative quantity.</summary>
    public static decimal? Parse(string text)
    {
        var match = Pattern().Match(text);
        if (!match.Success || !decimal.TryParse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }
        var suffix = match.Groups["suffix"].Value;
        try
        {
            return suffix switch
            {
                "" => number,
                "n" => number / 1_000_000_000m,
                "u" => number / 1_000_000m,
                "m" => number / 1000m,
                "k" => number * 1000m,
                "M" => number * 1_000_000m,
                "G" => number * 1_000_000_000m,
                "T" => number * 1_000_000_000_000m,
                "P" => number * 1_000_000_000_000_000m,
                "E" => number * 1_000_000_000_000_000_000m,
                "Ki" => number * (1L << 10),
                "Mi" => number * (1L << 20),
                "Gi" => number * (1L << 30),
                "Ti" => number * (1L << 40),
                "Pi" => number * (1L << 50),
                "Ei" => number * (1L << 60),
                _ => Exponent(number, int.Parse(suffix[1..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)),
            };
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>An error message for a value that is not a quantity, else null.</summary>
    public static string? Check(string text) =>
        Parse(text) is null ? $"'{text}' is not a Kubernetes quantity (examples: 250m, 0.5, 512Mi, 2Gi)" : null;

    private static decimal Exponent(decimal number, int exponent)
    {
        if (Math.Abs(exponent) > 18)
        {
            throw new OverflowException();
        }
        var scale = 1m;
        for (var i = 0; i < Math.Abs(exponent); i++)
        {
            scale *= 10;
        }
        return exponent < 0 ? number / scale : number * scale;
    }

    [GeneratedRegex(@"^\+?(?<number>[0-9]+(\.[0-9]*)?|\.[0-9]+)(?<suffix>Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][-+]?[0-9]+)?$")]
    private static partial Regex Pattern();
}
