using System.Globalization;

namespace Overseer.ServiceDefaults;

/// <summary>
/// A wall clock that is off by a set amount, for the reliability suite (docs/reliability.md): <c>OVERSEER_CLOCK_OFFSET</c>
/// (seconds, e.g. <c>420</c> or <c>-90.5</c>) skews it for the process's life; <c>OVERSEER_CLOCK_OFFSET_FILE</c> names a
/// file holding the seconds, re-read at most every 100 ms, so a test can make the clock jump while the process runs.
/// Only <see cref="GetUtcNow"/> moves: timestamps and timers stay monotonic, as they do when a real clock is stepped.
/// Used only when one of the variables is set; a value that is not a number is refused at start.
/// </summary>
public sealed class SkewedClock : TimeProvider
{
    /// <summary>Fixed offset in seconds.</summary>
    public const string OffsetVariable = "OVERSEER_CLOCK_OFFSET";

    /// <summary>File holding the offset in seconds.</summary>
    public const string OffsetFileVariable = "OVERSEER_CLOCK_OFFSET_FILE";

    private static readonly TimeSpan ReadEvery = TimeSpan.FromMilliseconds(100);
    private readonly TimeSpan _fixed;
    private readonly string? _file;
    private readonly Lock _gate = new();
    private TimeSpan _fromFile;
    private long _readAt = long.MinValue;

    private SkewedClock(TimeSpan offset, string? file)
    {
        _fixed = offset;
        _file = file;
    }

    /// <summary>The clock the environment asks for, or null when neither variable is set.</summary>
    public static SkewedClock? FromEnvironment()
    {
        var offset = Environment.GetEnvironmentVariable(OffsetVariable);
        var file = Environment.GetEnvironmentVariable(OffsetFileVariable);
        if (string.IsNullOrEmpty(offset) && string.IsNullOrEmpty(file))
        {
            return null;
        }
        return new SkewedClock(string.IsNullOrEmpty(offset) ? TimeSpan.Zero : Parse(offset, OffsetVariable), string.IsNullOrEmpty(file) ? null : file);
    }

    /// <summary>The offset now.</summary>
    public TimeSpan Offset => _fixed + FileOffset();

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    /// <summary>Parses seconds; throws naming <paramref name="source"/> when it is not a finite number.</summary>
    public static TimeSpan Parse(string text, string source) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds)
            && Math.Abs(seconds) < TimeSpan.FromDays(3650).TotalSeconds
            ? TimeSpan.FromSeconds(seconds)
            : throw new InvalidOperationException($"{source}: '{text}' is not a number of seconds.");

    private TimeSpan FileOffset()
    {
        if (_file is null)
        {
            return TimeSpan.Zero;
        }
        lock (_gate)
        {
            var now = System.GetTimestamp();
            if (_readAt != long.MinValue && System.GetElapsedTime(_readAt, now) < ReadEvery)
            {
                return _fromFile;
            }
            _readAt = now;
            try
            {
                var text = File.ReadAllText(_file);
                _fromFile = text.Trim().Length == 0 ? TimeSpan.Zero : Parse(text, _file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // A missing or half-written file keeps the last offset.
            }
            return _fromFile;
        }
    }
}
