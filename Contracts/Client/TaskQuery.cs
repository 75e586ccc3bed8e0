using Overseer.Contracts.Tasks;

namespace Overseer.Contracts.Client;

/// <summary>Filters of <c>GET /api/v1/tasks</c>.</summary>
public sealed record TaskQuery
{
    /// <summary>Only tasks in one of these states.</summary>
    public IReadOnlyList<TaskState> States { get; init; } = [];
    /// <summary>Only tasks whose name starts with this.</summary>
    public string? NamePrefix { get; init; }
    /// <summary>Page size (1..500, default 50).</summary>
    public int? Limit { get; init; }
    /// <summary>Cursor from the previous page.</summary>
    public string? Cursor { get; init; }

    /// <summary>The query string for these filters, starting with '?' (or empty).</summary>
    public string ToQueryString()
    {
        var parts = new List<string>();
        parts.AddRange(States.Select(s => "state=" + s));
        if (NamePrefix is not null)
        {
            parts.Add("namePrefix=" + Uri.EscapeDataString(NamePrefix));
        }
        if (Limit is not null)
        {
            parts.Add("limit=" + Limit);
        }
        if (Cursor is not null)
        {
            parts.Add("cursor=" + Uri.EscapeDataString(Cursor));
        }
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}
