using Overseer.Contracts.Tasks;
using Overseer.Contracts.Validation;

namespace Overseer.Api.Tasks;

/// <summary>Parsed and checked filters of <c>GET /api/v1/tasks</c>.</summary>
internal sealed record TaskListQuery(IReadOnlyList<TaskState> States, string? NamePrefix, Guid? Cursor, int Limit)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

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
        Guid? cursor = null;
        if (query["cursor"].ToString() is { Length: > 0 } c)
        {
            if (Guid.TryParse(c, out var parsed))
            {
                cursor = parsed;
            }
            else
            {
                errors.Add("cursor", "is not a cursor returned by this API");
            }
        }
        var limit = DefaultLimit;
        if (query["limit"].ToString() is { Length: > 0 } l && (!int.TryParse(l, out limit) || limit is < 1 or > MaxLimit))
        {
            errors.Add("limit", $"must be an integer between 1 and {MaxLimit}");
        }
        return errors.IsEmpty ? (new TaskListQuery(states, prefix, cursor, limit), errors) : (null, errors);
    }
}
