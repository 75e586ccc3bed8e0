using System.Globalization;

namespace Overseer.Api.Tasks;

/// <summary>
/// Task ids are UUIDv7: their first 48 bits are the submission time in milliseconds, so a time range is also an id
/// range, which the primary key can seek. The Api's clock made the id and the database's clock made
/// <c>created_at</c>; the bounds are widened by <see cref="Slack"/> and <c>created_at</c> is filtered exactly.
/// </summary>
internal static class TaskIdBounds
{
    public static readonly TimeSpan Slack = TimeSpan.FromMinutes(5);

    /// <summary>The smallest id made at or after <paramref name="time"/> minus the slack.</summary>
    public static Guid Lowest(DateTimeOffset time) => Make(time - Slack, "0000-0000-000000000000");

    /// <summary>The largest id made before <paramref name="time"/> plus the slack.</summary>
    public static Guid Highest(DateTimeOffset time) => Make(time + Slack, "ffff-ffff-ffffffffffff");

    private static Guid Make(DateTimeOffset time, string rest)
    {
        var ms = Math.Clamp(time.ToUnixTimeMilliseconds(), 0, (1L << 48) - 1);
        var hex = ms.ToString("x12", CultureInfo.InvariantCulture);
        return Guid.Parse($"{hex[..8]}-{hex[8..]}-{rest}");
    }
}
