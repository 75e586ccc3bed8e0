using System.Globalization;
using Overseer.Contracts.Tasks;

namespace Overseer.Contracts.Client;

/// <summary>
/// Filters of <c>GET /api/v1/tasks</c>. Every filter narrows the list; none is required. <see cref="NameContains"/> and
/// <see cref="Labels"/> are checked over a bounded number of tasks per request (25,000, newest first from the cursor):
/// a page can then hold fewer items than the limit, even none, and still have a <c>NextCursor</c> to search on from.
/// </summary>
public sealed record TaskQuery
{
    /// <summary>Only tasks in one of these states.</summary>
    public IReadOnlyList<TaskState> States { get; init; } = [];
    /// <summary>Only tasks whose name starts with this.</summary>
    public string? NamePrefix { get; init; }
    /// <summary>Only tasks whose name contains this (case-insensitive).</summary>
    public string? NameContains { get; init; }
    /// <summary>Only tasks carrying every one of these labels with these values.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    /// <summary>Only the jobs of this workflow run.</summary>
    public Guid? WorkflowId { get; init; }
    /// <summary>Only tasks submitted at or after this time.</summary>
    public DateTimeOffset? CreatedAfter { get; init; }
    /// <summary>Only tasks submitted before this time.</summary>
    public DateTimeOffset? CreatedBefore { get; init; }
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
        if (NameContains is not null)
        {
            parts.Add("nameContains=" + Uri.EscapeDataString(NameContains));
        }
        parts.AddRange(Labels.Select(l => "label=" + Uri.EscapeDataString(l.Key + "=" + l.Value)));
        if (WorkflowId is not null)
        {
            parts.Add("workflow=" + WorkflowId);
        }
        if (CreatedAfter is not null)
        {
            parts.Add("createdAfter=" + Uri.EscapeDataString(CreatedAfter.Value.ToString("O", CultureInfo.InvariantCulture)));
        }
        if (CreatedBefore is not null)
        {
            parts.Add("createdBefore=" + Uri.EscapeDataString(CreatedBefore.Value.ToString("O", CultureInfo.InvariantCulture)));
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
