using System.Text.Json;
using Overseer.Contracts.Json;
using Overseer.Contracts.Tasks;

namespace Overseer.Api.Tasks;

/// <summary>Rows to wire DTOs. Entities never go over the wire.</summary>
internal static class TaskMapping
{
    /// <summary>The task as answered; <paramref name="executor"/> is the Api's executor kind (it decides the notices of a task that has not run yet).</summary>
    public static TaskDto AsDto(this TaskRecord task, IReadOnlyList<AttemptRecord> attempts, string executor)
    {
        var state = Enum.Parse<TaskState>(task.State);
        var spec = JsonSerializer.Deserialize(task.Spec, ContractsJson.Lenient.TaskSpec)!;
        return new TaskDto(task.Id, task.Name, state, task.Attempt, spec,
            Utc(task.CreatedAt), Utc(task.UpdatedAt), Utc(task.FinishedAt), task.Reason, task.CancelRequestedAt is not null,
            task.RetryOf, WaitingReason(task, state, attempts.Count > 0 ? attempts[^1].WaitingReason : null), [.. attempts.Select(AsDto)],
            Notices(spec, attempts.Count > 0 ? attempts[^1].Executor : executor));
    }

    /// <summary>The answer to a submission, built from what was just written (no second read).</summary>
    public static TaskDto Submitted(Guid id, DateTime createdAt, TaskSpec spec, Guid? retryOf, string executor)
    {
        var at = Utc(createdAt);
        return new TaskDto(id, spec.Name, TaskState.Queued, 0, spec, at, at, null, retryOf is null ? "submitted" : $"retry of {retryOf}",
            false, retryOf, "queued: waiting for a free executor slot", [], Notices(spec, executor));
    }

    /// <summary>A local run ignores the image and does not enforce resources, and says so (a silent difference from Kubernetes would surprise).</summary>
    private static IReadOnlyList<string>? Notices(TaskSpec spec, string executor)
    {
        if (executor != "local")
        {
            return null;
        }
        List<string> notices = [];
        if (spec.Image is { } image)
        {
            notices.Add($"image '{image}' is not used: the local executor runs the command on this host, not in a container (use the kubernetes executor for images)");
        }
        if (spec.Resources is { } r && (r.Requests is { Count: > 0 } || r.Limits is { Count: > 0 }))
        {
            notices.Add("resources are recorded but not enforced: the local executor does not limit CPU or memory (the kubernetes executor sets them on the container)");
        }
        return notices.Count > 0 ? notices : null;
    }

    public static TaskSummaryDto AsSummary(this TaskRecord task) => new(task.Id, task.Name, Enum.Parse<TaskState>(task.State),
        task.Attempt, Utc(task.CreatedAt), Utc(task.UpdatedAt), Utc(task.FinishedAt), task.Reason);

    public static AttemptDto AsDto(this AttemptRecord a) => new(a.Attempt, Enum.Parse<AttemptState>(a.State), a.ExitCode,
        a.FailureType is null ? null : Enum.Parse<FailureType>(a.FailureType), a.Reason, a.Executor, Utc(a.CreatedAt),
        Utc(a.StartedAt), Utc(a.FinishedAt), a.LogBytes, a.LogTruncatedBytes,
        a.Result is null ? null : JsonElement.Parse(a.Result), a.ResultVerified, a.ResultFiles);

    public static TransitionDto AsDto(this TransitionRecord t) => new(t.Id,
        t.FromState is null ? null : Enum.Parse<TaskState>(t.FromState), Enum.Parse<TaskState>(t.ToState), t.Attempt, Utc(t.At),
        t.Actor, t.Reason, t.LeaderTerm);

    private static string? WaitingReason(TaskRecord task, TaskState state, string? executorReason) => state switch
    {
        TaskState.Dispatching when executorReason is not null => executorReason,
        TaskState.Pending => "waiting for its dependencies",
        TaskState.Queued when task.RunAfter > task.DbNow =>
            $"waiting {(task.RunAfter - task.DbNow).TotalSeconds:0.#}s before attempt {task.Attempt + 1} (retry backoff)",
        TaskState.Queued => "queued: waiting for a free executor slot",
        TaskState.Dispatching => $"starting attempt {task.Attempt}",
        _ => null,
    };

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static DateTimeOffset? Utc(DateTime? value) => value is null ? null : Utc(value.Value);
}
