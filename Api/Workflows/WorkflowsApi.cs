using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Overseer.Api.Execution;
using Overseer.Api.Infrastructure.Http;
using Overseer.Api.Tasks;
using Overseer.Api.Workflows.Compile;
using Overseer.Api.Workflows.Parsing;
using Overseer.Contracts.Auth;
using Overseer.Contracts.Json;
using Overseer.Contracts.Paging;
using Overseer.Contracts.Validation;
using Overseer.Contracts.Workflows;

namespace Overseer.Api.Workflows;

/// <summary>Endpoints under <c>/api/v1/workflows</c>.</summary>
public static class WorkflowsApi
{
    /// <summary>Maps the workflow endpoints.</summary>
    public static IEndpointRouteBuilder MapWorkflowsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/workflows").WithTags("Workflows").RequireAuthorization(TokenScopes.Read);
        group.MapPost("/", SubmitAsync).RequireAuthorization(TokenScopes.Write);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapGet("/{id:guid}/tree", GetTreeAsync);
        group.MapPost("/{id:guid}/cancel", CancelAsync).RequireAuthorization(TokenScopes.Write);
        group.MapPost("/{id:guid}/retry", RetryAsync).RequireAuthorization(TokenScopes.Write);
        return app;
    }

    private static async Task<Results<Created<WorkflowDto>, Ok<WorkflowDto>, ContentHttpResult, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        HttpRequest request, string? dryRun, string? format, WorkflowStore store, WorkSignal work, IOptions<WorkflowOptions> options,
        IOptions<TaskOptions> tasks, IOptions<ExecutorOptions> executor, CancellationToken ct)
    {
        if (dryRun is not (null or "true" or "false"))
        {
            return Invalid(new Dictionary<string, string[]> { ["dryRun"] = ["must be true or false"] });
        }
        if (!WorkflowReader.IsSupported(request.ContentType))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: $"Send the workflow as application/yaml or application/json (got '{request.ContentType ?? "none"}').");
        }
        var (body, tooLarge) = await JsonBody.ReadBytesAsync(request, options.Value.MaxRequestBytes);
        if (tooLarge is not null)
        {
            return tooLarge;
        }
        WorkflowDocument document;
        try
        {
            document = WorkflowReader.Read(body!, request.ContentType);
        }
        catch (DocumentException e)
        {
            return Invalid(e.Problems);
        }
        var (plan, errors) = WorkflowCompiler.Compile(document, tasks.Value.DefaultTimeoutSeconds, tasks.Value.MaxTimeoutSeconds);
        if (plan is not null && executor.Value.Kind == "local")
        {
            foreach (var (job, g, j) in plan.Groups.SelectMany((group, g) => group.Jobs.Select((job, j) => (job, g, j))).Where(x => TaskSpecValidator.RunsImageEntrypoint(x.job.Spec)))
            {
                errors.Add($"spec.groups[{g}].jobs[{j}].task.command", $"job '{job.Address}' {TaskSpecValidator.NeedsCommandLocally}");
            }
            plan = errors.IsEmpty ? plan : null;
        }
        if (plan is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The workflow is not valid");
        }
        if (dryRun == "true")
        {
            return format == "tree" ? TypedResults.Text(TreeText.Render(plan.ToDto()), "text/plain; charset=utf-8") : TypedResults.Ok(plan.ToDto());
        }
        var id = await store.SubmitAsync(plan, JsonSerializer.Serialize(document, ContractsJson.Lenient.WorkflowDocument), TraceParent(), null,
            new Dictionary<int, Guid>(), ct);
        work.Notify();
        return TypedResults.Created($"/api/v1/workflows/{id}", await store.GetAsync(id, ct));
    }

    private static async Task<Results<Ok<Page<WorkflowSummaryDto>>, ValidationProblem>> ListAsync(string? cursor, string? limit, WorkflowStore store, CancellationToken ct)
    {
        Guid? after = null;
        if (cursor is { Length: > 0 })
        {
            if (!Guid.TryParse(cursor, out var parsed))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["cursor"] = ["is not a cursor returned by this API"] });
            }
            after = parsed;
        }
        var size = 50;
        if (limit is { Length: > 0 } && (!int.TryParse(limit, out size) || size is < 1 or > 500))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["must be an integer between 1 and 500"] });
        }
        return TypedResults.Ok(await store.ListAsync(after, size, ct));
    }

    private static async Task<Results<Ok<WorkflowDto>, NotFound>> GetAsync(Guid id, WorkflowStore store, CancellationToken ct) =>
        await store.GetAsync(id, ct) is { } run ? TypedResults.Ok(run) : TypedResults.NotFound();

    private static async Task<Results<ContentHttpResult, NotFound>> GetTreeAsync(Guid id, WorkflowStore store, CancellationToken ct) =>
        await store.GetAsync(id, ct) is { } run ? TypedResults.Text(TreeText.Render(run), "text/plain; charset=utf-8") : TypedResults.NotFound();

    private static async Task<Results<Ok<WorkflowDto>, NotFound, ProblemHttpResult>> CancelAsync(Guid id, WorkflowStore store, CancellationToken ct)
    {
        var before = await store.CancelAsync(id, ct);
        if (before is null)
        {
            return TypedResults.NotFound();
        }
        if (before != WorkflowState.Running)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Workflow already finished",
                detail: $"The workflow is {before}; only running workflows can be cancelled.");
        }
        return TypedResults.Ok((await store.GetAsync(id, ct))!);
    }

    private static async Task<Results<Created<WorkflowDto>, NotFound, ProblemHttpResult>> RetryAsync(
        Guid id, WorkflowStore store, WorkSignal work, IOptions<TaskOptions> tasks, CancellationToken ct)
    {
        var found = await store.GetDocumentAsync(id, ct);
        if (found is null)
        {
            return TypedResults.NotFound();
        }
        if (found.Value.State is WorkflowState.Running or WorkflowState.Succeeded)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Nothing to retry",
                detail: $"The workflow is {found.Value.State}; only failed or cancelled workflows can be retried.");
        }
        var document = JsonSerializer.Deserialize(found.Value.Document, ContractsJson.Lenient.WorkflowDocument)!;
        var (plan, _) = WorkflowCompiler.Compile(document, tasks.Value.DefaultTimeoutSeconds, tasks.Value.MaxTimeoutSeconds);
        var reused = await store.SucceededNodesAsync(id, ct);
        var newId = await store.SubmitAsync(plan!, found.Value.Document, TraceParent(), id, reused, ct);
        work.Notify();
        return TypedResults.Created($"/api/v1/workflows/{newId}", (await store.GetAsync(newId, ct))!);
    }

    private static ProblemHttpResult Invalid(IDictionary<string, string[]> problems) =>
        TypedResults.Problem(new HttpValidationProblemDetails(problems)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The workflow is not valid",
        });

    private static string TraceParent() => Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity
        ? activity.Id!
        : $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-01";
}
