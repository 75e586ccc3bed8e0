using System.Globalization;
using System.Text;

namespace Overseer.Contracts.Queues;

/// <summary>
/// Durations as people write them in queue definitions: a sequence of whole numbers with units, largest unit first,
/// e.g. <c>55s</c>, <c>1m</c>, <c>1h30m</c>, <c>2d</c>, <c>250ms</c>. Units: <c>d</c>, <c>h</c>, <c>m</c>, <c>s</c>, <c>ms</c>.
/// </summary>
public static class Duration
{
    /// <summary>Longest accepted duration.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(365);

    private static readonly (string Unit, TimeSpan Size)[] Units =
    [
        ("d", TimeSpan.FromDays(1)), ("h", TimeSpan.FromHours(1)), ("m", TimeSpan.FromMinutes(1)),
        ("s", TimeSpan.FromSeconds(1)), ("ms", TimeSpan.FromMilliseconds(1)),
    ];

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? text, out TimeSpan value, out string? error)
    {
        value = TimeSpan.Zero;
        error = Check(text, ref value);
        return error is null;
    }

    /// <summary>Parses <paramref name="text"/> or throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value, out var error) ? value : throw new FormatException(error);

    /// <summary>The canonical text of <paramref name="value"/> (e.g. <c>1h30m</c>; <c>0s</c> for zero).</summary>
    public static string Format(TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "durations are never negative");
        }
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }
        var text = new StringBuilder();
        var rest = value;
        foreach (var (unit, size) in Units)
        {
            var count = rest.Ticks / size.Ticks;
            if (count > 0)
            {
                text.Append(count.ToString(CultureInfo.InvariantCulture)).Append(unit);
                rest -= TimeSpan.FromTicks(count * size.Ticks);
            }
        }
        return text.Length == 0 ? "0s" : text.ToString();
    }

    private static string? Check(string? text, ref TimeSpan value)
    {
        const string Hint = "write a whole number and a unit (d, h, m, s or ms), largest unit first, e.g. 55s, 1m or 1h30m";
        if (string.IsNullOrWhiteSpace(text))
        {
            return "must be a duration; " + Hint;
        }
        if (text.StartsWith('-'))
        {
            return $"'{Shorten(text)}' is negative; durations are 0 or more";
        }
        var total = TimeSpan.Zero;
        var lastUnit = -1;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
            if (i == start)
            {
                return $"'{Shorten(text)}' is not a duration: expected a number at position {i + 1}; {Hint}";
            }
            var digits = text[start..i];
            var unitStart = i;
            while (i < text.Length && char.IsAsciiLetter(text[i]))
            {
                i++;
            }
            var unit = text[unitStart..i];
            var index = Array.FindIndex(Units, u => u.Unit == unit);
            if (index < 0)
            {
                return unit.Length == 0
                    ? $"'{Shorten(text)}' is not a duration: '{digits}' has no unit; {Hint}"
                    : $"'{Shorten(text)}' is not a duration: unknown unit '{Shorten(unit)}'; {Hint}";
            }
            if (index <= lastUnit)
            {
                return $"'{Shorten(text)}' is not a duration: units must appear once each, largest first; {Hint}";
            }
            lastUnit = index;
            var size = Units[index].Size.Ticks;
            if (digits.Length > 15 || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                || count > Max.Ticks / size || (total += TimeSpan.FromTicks(count * size)) > Max)
            {
                return $"'{Shorten(text)}' is too long; the most is {Format(Max)}";
            }
        }
        value = total;
        return null;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
