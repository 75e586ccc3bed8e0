using Overseer.Contracts.Queues;

namespace Overseer.Api.Tests.Queues;

public sealed class DurationTests
{
    [Theory]
    [InlineData("55s", 55_000)]
    [InlineData("1m", 60_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("2d", 172_800_000)]
    [InlineData("250ms", 250)]
    [InlineData("0s", 0)]
    [InlineData("1d2h3m4s5ms", 93_784_005)]
    public void Valid_durations_parse_to_their_length(string text, long milliseconds)
    {
        Assert.True(Duration.TryParse(text, out var value, out var error), error);
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("5x", "unknown unit 'x'")]
    [InlineData("-1s", "negative")]
    [InlineData("", "must be a duration")]
    [InlineData("  ", "must be a duration")]
    [InlineData("10", "has no unit")]
    [InlineData("s", "expected a number")]
    [InlineData("1.5s", "has no unit")]
    [InlineData("1h1h", "largest first")]
    [InlineData("30m1h", "largest first")]
    [InlineData("1h 30m", "expected a number")]
    [InlineData("366d", "too long")]
    [InlineData("99999999999999999999d", "too long")]
    public void Invalid_durations_are_rejected_with_a_clear_reason(string text, string reason)
    {
        Assert.False(Duration.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("90s", "1m30s")]
    [InlineData("1h30m", "1h30m")]
    [InlineData("0ms", "0s")]
    [InlineData("1500ms", "1s500ms")]
    public void Format_gives_the_canonical_form(string text, string canonical) =>
        Assert.Equal(canonical, Duration.Format(Duration.Parse(text)));
}
