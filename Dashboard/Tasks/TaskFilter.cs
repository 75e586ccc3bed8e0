using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Overseer.Contracts.Client;
using Overseer.Contracts.Tasks;

namespace Overseer.Dashboard.Tasks;

/// <summary>The task list's filters as they travel in the page's query string, and their translation into a <see cref="TaskQuery"/>.</summary>
public sealed record TaskFilter
{
    /// <summary>Time ranges offered, by query value.</summary>
    public static readonly IReadOnlyList<(string Value, string Label, TimeSpan? Span)> Ranges =
    [
        ("", "Any time", null), ("15m", "Last 15 minutes", TimeSpan.FromMinutes(15)), ("1h", "Last hour", TimeSpan.FromHours(1)),
        ("24h", "Last 24 hours", TimeSpan.FromHours(24)), ("7d", "Last 7 days", TimeSpan.FromDays(7)), ("custom", "From … to …", null),
    ];

    /// <summary>States to show (none: all).</summary>
    public IReadOnlyList<TaskState> States { get; init; } = [];
    /// <summary>Part of the name.</summary>
    public string? Name { get; init; }
    /// <summary>A label as <c>key=value</c>.</summary>
    public string? Label { get; init; }
    /// <summary>A workflow run id.</summary>
    public string? Workflow { get; init; }
    /// <summary>A queue's name: the tasks of its pools (label <c>overseer.dev/queue</c>).</summary>
    public string? Queue { get; init; }
    /// <summary>One of <see cref="Ranges"/>.</summary>
    public string Range { get; init; } = "";
    /// <summary>Start of a custom range (UTC, as a datetime-local input sends it).</summary>
    public string? From { get; init; }
    /// <summary>End of a custom range.</summary>
    public string? To { get; init; }

    /// <summary>Problems with the filters, by field.</summary>
    public IReadOnlyDictionary<string, string> Problems()
    {
        var problems = new Dictionary<string, string>();
        if (!string.IsNullOrEmpty(Label) && Label.IndexOf('=', StringComparison.Ordinal) < 1)
        {
            problems["label"] = "Write the label as key=value.";
        }
        if (!string.IsNullOrEmpty(Queue) && Contracts.Validation.Dns1123.CheckLabel(Queue.Trim()) is not null)
        {
            problems["queue"] = "A queue name is lower-case letters, digits and '-'.";
        }
        if (!string.IsNullOrEmpty(Workflow) && !Guid.TryParse(Workflow, out _))
        {
            problems["workflow"] = "A workflow run id looks like 0199…-….";
        }
        if (Range == "custom" && (Parse(From) is null && !string.IsNullOrEmpty(From) || Parse(To) is null && !string.IsNullOrEmpty(To)))
        {
            problems["range"] = "Give the times as YYYY-MM-DDTHH:MM (UTC).";
        }
        return problems;
    }

    /// <summary>The Api query for one page.</summary>
    public TaskQuery ToQuery(DateTimeOffset now, string? cursor, int limit)
    {
        var (after, before) = Window(now);
        var eq = Label?.IndexOf('=', StringComparison.Ordinal) ?? -1;
        return new TaskQuery
        {
            States = States,
            NameContains = string.IsNullOrWhiteSpace(Name) ? null : Name.Trim(),
            Labels = Labels(eq),
            WorkflowId = Guid.TryParse(Workflow, out var workflow) ? workflow : null,
            CreatedAfter = after,
            CreatedBefore = before,
            Cursor = cursor,
            Limit = limit,
        };
    }

    /// <summary>The page URL with these filters (and a cursor).</summary>
    public string Url(string? cursor = null)
    {
        var query = new List<KeyValuePair<string, string?>>();
        query.AddRange(States.Select(s => KeyValuePair.Create("state", (string?)s.ToString())));
        Add(query, "name", Name);
        Add(query, "label", Label);
        Add(query, "workflow", Workflow);
        Add(query, "queue", Queue);
        Add(query, "range", Range);
        if (Range == "custom")
        {
            Add(query, "from", From);
            Add(query, "to", To);
        }
        Add(query, "cursor", cursor);
        return QueryHelpers.AddQueryString("/tasks", query);
    }

    private Dictionary<string, string> Labels(int eq)
    {
        var labels = new Dictionary<string, string>();
        if (eq > 0)
        {
            labels[Label![..eq].Trim()] = Label[(eq + 1)..].Trim();
        }
        if (!string.IsNullOrWhiteSpace(Queue))
        {
            labels["overseer.dev/queue"] = Queue.Trim();
        }
        return labels;
    }

    private (DateTimeOffset? After, DateTimeOffset? Before) Window(DateTimeOffset now)
    {
        if (Range == "custom")
        {
            return (Parse(From), Parse(To));
        }
        var span = Ranges.FirstOrDefault(r => r.Value == Range).Span;
        return (span is { } s ? now - s : null, null);
    }

    private static DateTimeOffset? Parse(string? value) =>
        DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? new DateTimeOffset(time, TimeSpan.Zero)
            : null;

    private static void Add(List<KeyValuePair<string, string?>> query, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            query.Add(KeyValuePair.Create(key, (string?)value));
        }
    }
}
