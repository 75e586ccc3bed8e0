using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Overseer.Api.Execution;
using Overseer.Api.Infrastructure.Http;
using Overseer.Contracts.Auth;
using Overseer.Contracts.Json;
using Overseer.Contracts.Paging;
using Overseer.Contracts.Tasks;
using Overseer.Contracts.Validation;

namespace Overseer.Api.Tasks;

/// <summary>Endpoints under <c>/api/v1/tasks</c>.</summary>
public static class TasksApi
{
    /// <summary>Maps the task endpoints.</summary>
    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/tasks").WithTags("Tasks").RequireAuthorization(TokenScopes.Read);
        group.MapPost("/", SubmitAsync).RequireAuthorization(TokenScopes.Write);
        group.MapGet("/", ListAsync).WithQueryParameters(TaskListQuery.Names);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapGet("/{id:guid}/logs", GetLogsAsync);
        group.MapGet("/{id:guid}/transitions", GetTransitionsAsync);
        group.MapPost("/{id:guid}/cancel", CancelAsync).RequireAuthorization(TokenScopes.Write);
        group.MapPost("/{id:guid}/retry", RetryAsync).RequireAuthorization(TokenScopes.Write);
        return app;
    }

    private static async Task<Results<Created<TaskDto>, Ok<TaskSpec>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        HttpRequest request, string? dryRun, TaskStore store, WorkSignal work, IOptions<TaskOptions> options, IOptions<ExecutorOptions> executor,
        CancellationToken ct)
    {
        if (dryRun is not (null or "true" or "false"))
        {
            return JsonBody.Invalid("dryRun", "must be true or false");
        }
        var (spec, problem) = await TaskSpecReader.ReadAsync(request, options.Value.MaxRequestBytes);
        if (problem is not null)
        {
            return problem;
        }
        var normalized = TaskSpecValidator.Normalize(spec!, options.Value.DefaultTimeoutSeconds);
        var errors = TaskSpecValidator.Validate(normalized);
        if (errors.IsEmpty && executor.Value.Kind == "local" && TaskSpecValidator.RunsImageEntrypoint(normalized))
        {
            errors.Add("command", $"task '{normalized.Name}' {TaskSpecValidator.NeedsCommandLocally}");
        }
        if (errors.IsEmpty && TimeoutRules.CheckDeploymentMax(normalized.TimeoutSeconds, options.Value.MaxTimeoutSeconds) is { } tooLong)
        {
            errors.Add("timeoutSeconds", tooLong);
        }
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The task spec is not valid");
        }
        if (dryRun == "true")
        {
            return TypedResults.Ok(normalized);
        }
        var (id, createdAt) = await store.SubmitAsync(normalized, "api", TraceParent(), null, ct);
        work.Notify();
        return TypedResults.Created($"/api/v1/tasks/{id}", TaskMapping.Submitted(id, createdAt, normalized, null, executor.Value.Kind));
    }

    private static async Task<Results<Ok<Page<TaskSummaryDto>>, ValidationProblem>> ListAsync(HttpRequest request, TaskStore store, CancellationToken ct)
    {
        var (query, errors) = TaskListQuery.Parse(request.Query);
        if (query is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The query is not valid");
        }
        var (rows, windowEnd) = await store.ListAsync(query, ct);
        var page = rows.Take(query.Limit).Select(r => r.AsSummary()).ToList();
        var next = rows.Count > query.Limit ? page[^1].Id.ToString() : windowEnd?.ToString();
        return TypedResults.Ok(new Page<TaskSummaryDto>(page, next));
    }

    private static async Task<Results<Ok<TaskDto>, NotFound>> GetAsync(Guid id, TaskStore store, IOptions<ExecutorOptions> executor, CancellationToken ct) =>
        await store.GetAsync(id, ct) is { } found ? TypedResults.Ok(found.Task.AsDto(found.Attempts, executor.Value.Kind)) : TypedResults.NotFound();

    private static async Task<Results<ContentHttpResult, NotFound, ValidationProblem>> GetLogsAsync(
        Guid id, int? attempt, TaskStore store, CancellationToken ct)
    {
        if (attempt is < 1)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["attempt"] = ["must be 1 or more"] });
        }
        var text = await store.GetLogTextAsync(id, attempt, ct);
        return text is null ? TypedResults.NotFound() : TypedResults.Text(text, "text/plain; charset=utf-8");
    }

    private static async Task<Results<Ok<IReadOnlyList<TransitionDto>>, NotFound>> GetTransitionsAsync(Guid id, TaskStore store, CancellationToken ct) =>
        await store.GetTransitionsAsync(id, ct) is { } rows
            ? TypedResults.Ok<IReadOnlyList<TransitionDto>>([.. rows.Select(r => r.AsDto())])
            : TypedResults.NotFound();

    private static async Task<Results<Ok<TaskDto>, Accepted<TaskDto>, NotFound, ProblemHttpResult>> CancelAsync(
        Guid id, TaskStore store, ICancelRouter cancels, IOptions<ExecutorOptions> executor, CancellationToken ct)
    {
        var before = await store.CancelAsync(id, "api", ct);
        if (before is null)
        {
            return TypedResults.NotFound();
        }
        if (before.Value.IsTerminal() && before.Value != TaskState.Cancelled)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Task already finished",
                detail: $"The task is {before.Value}; only unfinished tasks can be cancelled.");
        }
        if (before.Value is TaskState.Dispatching or TaskState.Running)
        {
            cancels.Cancel(id);
        }
        var task = await store.GetAsync(id, ct);
        var dto = task!.Value.Task.AsDto(task.Value.Attempts, executor.Value.Kind);
        return dto.State.IsTerminal() ? TypedResults.Ok(dto) : TypedResults.Accepted($"/api/v1/tasks/{id}", dto);
    }

    private static async Task<Results<Created<TaskDto>, NotFound, ProblemHttpResult>> RetryAsync(
        Guid id, TaskStore store, WorkSignal work, IOptions<ExecutorOptions> executor, CancellationToken ct)
    {
        var found = await store.GetAsync(id, ct);
        if (found is null)
        {
            return TypedResults.NotFound();
        }
        var original = found.Value.Task.AsDto(found.Value.Attempts, executor.Value.Kind);
        if (!original.State.IsTerminal())
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Task not finished",
                detail: $"The task is {original.State}; only finished tasks can be retried.");
        }
        var (newId, createdAt) = await store.SubmitAsync(original.Spec, "api", TraceParent(), id, ct);
        work.Notify();
        return TypedResults.Created($"/api/v1/tasks/{newId}", TaskMapping.Submitted(newId, createdAt, original.Spec, id, executor.Value.Kind));
    }

    private static string TraceParent() => Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity
        ? activity.Id!
        : $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-01";
}
