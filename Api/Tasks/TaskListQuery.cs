using System.Globalization;
using Overseer.Contracts.Tasks;
using Overseer.Contracts.Validation;

namespace Overseer.Api.Tasks;

/// <summary>Parsed and checked filters of <c>GET /api/v1/tasks</c>.</summary>
internal sealed record TaskListQuery(IReadOnlyList<TaskState> States, string? NamePrefix, Guid? Cursor, int Limit)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;
    public const int MaxLabels = 10;

    /// <summary>The query parameters <see cref="Parse"/> reads.</summary>
    public static readonly string[] Names = ["state", "namePrefix", "nameContains", "label", "workflow", "cursor", "createdAfter", "createdBefore", "limit"];

    /// <summary>Only names containing this (case-insensitive).</summary>
    public string? NameContains { get; init; }

    /// <summary>Only tasks carrying all these labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Only the jobs of this workflow run.</summary>
    public Guid? WorkflowId { get; init; }

    /// <summary>Only tasks created at or after this time.</summary>
    public DateTimeOffset? CreatedAfter { get; init; }

    /// <summary>Only tasks created before this time.</summary>
    public DateTimeOffset? CreatedBefore { get; init; }

    /// <summary>Parses the query string; every bad parameter is reported.</summary>
    public static (TaskListQuery? Query, ValidationErrors Errors) Parse(IQueryCollection query)
    {
        var errors = new ValidationErrors();
        var states = new List<TaskState>();
        foreach (var value in query["state"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)))
        {
            if (Enum.TryParse<TaskState>(value, ignoreCase: true, out var state) && Enum.IsDefined(state) && !int.TryParse(value, out _))
            {
                states.Add(state);
            }
            else
            {
                errors.Add("state", $"'{value}' is not a task state ({string.Join(", ", Enum.GetNames<TaskState>())})");
            }
        }
        string? prefix = query["namePrefix"];
        if (prefix is not null && TextRules.Check(prefix, Dns1123.MaxLabelLength) is { } problem)
        {
            errors.Add("namePrefix", problem);
        }
        string? contains = query["nameContains"];
        if (contains is not null && TextRules.Check(contains, Dns1123.MaxLabelLength) is { } badContains)
        {
            errors.Add("nameContains", badContains);
        }
        var labels = ParseLabels(query, errors);
        var workflow = ParseGuid(query, "workflow", "is not a workflow id", errors);
        var cursor = ParseGuid(query, "cursor", "is not a cursor returned by this API", errors);
        var after = ParseTime(query, "createdAfter", errors);
        var before = ParseTime(query, "createdBefore", errors);
        var limit = DefaultLimit;
        if (query["limit"].ToString() is { Length: > 0 } l && (!int.TryParse(l, out limit) || limit is < 1 or > MaxLimit))
        {
            errors.Add("limit", $"must be an integer between 1 and {MaxLimit}");
        }
        if (!errors.IsEmpty)
        {
            return (null, errors);
        }
        return (new TaskListQuery(states, prefix, cursor, limit)
        {
            NameContains = string.IsNullOrEmpty(contains) ? null : contains,
            Labels = labels,
            WorkflowId = workflow,
            CreatedAfter = after,
            CreatedBefore = before,
        }, errors);
    }

    private static Dictionary<string, string> ParseLabels(IQueryCollection query, ValidationErrors errors)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in query["label"])
        {
            var eq = value?.IndexOf('=', StringComparison.Ordinal) ?? -1;
            if (eq < 1 || TextRules.Check(value!, 400) is not null)
            {
                errors.Add("label", $"'{value}' is not key=value");
                continue;
            }
            labels[value![..eq]] = value[(eq + 1)..];
        }
        if (labels.Count > MaxLabels)
        {
            errors.Add("label", $"at most {MaxLabels} labels can be searched at once");
        }
        return labels;
    }

    private static Guid? ParseGuid(IQueryCollection query, string name, string message, ValidationErrors errors)
    {
        if (query[name].ToString() is not { Length: > 0 } text)
        {
            return null;
        }
        if (Guid.TryParse(text, out var parsed))
        {
            return parsed;
        }
        errors.Add(name, message);
        return null;
    }

    private static DateTimeOffset? ParseTime(IQueryCollection query, string name, ValidationErrors errors)
    {
        if (query[name].ToString() is not { Length: > 0 } text)
        {
            return null;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed;
        }
        errors.Add(name, "must be an ISO 8601 time, e.g. 2026-01-31T12:00:00Z");
        return null;
    }
}
