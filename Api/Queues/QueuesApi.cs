using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Overseer.Api.Infrastructure.Http;
using Overseer.Api.Tasks;
using Overseer.Contracts.Auth;
using Overseer.Contracts.Queues;
using Overseer.Contracts.Validation;

namespace Overseer.Api.Queues;

/// <summary>Endpoints under <c>/api/v1/queues</c>: definitions, pause, delete, runtime credentials and job-chief import.</summary>
public static class QueuesApi
{
    /// <summary>Maps the queue endpoints, item endpoints and the runtime protocol.</summary>
    public static IEndpointRouteBuilder MapQueuesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/queues").WithTags("Queues").RequireAuthorization(TokenScopes.Read);
        group.MapGet("/", ListAsync);
        group.MapGet("/{name}", GetAsync);
        group.MapPut("/{name}", DefineAsync).RequireAuthorization(TokenScopes.Write);
        group.MapDelete("/{name}", DeleteAsync).RequireAuthorization(TokenScopes.Write);
        group.MapPost("/{name}:pause", (string name, QueueStore store, CancellationToken ct) => SetPausedAsync(name, true, store, ct))
            .RequireAuthorization(TokenScopes.Write);
        group.MapPost("/{name}:resume", (string name, QueueStore store, SpawnerSignal spawner, CancellationToken ct) =>
        {
            spawner.Notify();
            return SetPausedAsync(name, false, store, ct);
        }).RequireAuthorization(TokenScopes.Write);
        group.MapPost("/{name}/tokens", CreateTokenAsync).RequireAuthorization(TokenScopes.Admin);
        app.MapPost("/api/v1/queues:import", ImportAsync).WithTags("Queues").RequireAuthorization(TokenScopes.Write);
        group.MapQueueItemsApi();
        app.MapRuntimeApi();
        return app;
    }

    private static async Task<Ok<IReadOnlyList<QueueDto>>> ListAsync(QueueStore store, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<QueueDto>>([.. (await store.ListAsync(ct)).Select(r => r.AsDto())]);

    private static async Task<Results<Ok<QueueDto>, NotFound>> GetAsync(string name, QueueStore store, CancellationToken ct) =>
        QueueSpecValidator.CheckName(name) is null && await store.GetAsync(name, ct) is { } found ? TypedResults.Ok(found.AsDto()) : TypedResults.NotFound();

    private static async Task<Results<Created<QueueDto>, Ok<QueueDto>, Ok<QueueSpec>, ValidationProblem, ProblemHttpResult>> DefineAsync(
        string name, string? dryRun, HttpRequest request, QueueStore store, SpawnerSignal spawner, IOptions<QueueOptions> options,
        IOptions<TaskOptions> tasks, CancellationToken ct)
    {
        if (dryRun is not (null or "true" or "false"))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["dryRun"] = ["must be true or false"] }, title: "The query is not valid");
        }
        if (QueueSpecValidator.CheckName(name) is { } bad)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = [bad] }, title: "The queue name is not valid");
        }
        var (spec, problem) = await JsonBody.ReadAsync(request, QueuesJson.Strict.QueueSpec, options.Value.MaxSmallRequestBytes);
        if (problem is not null)
        {
            return problem;
        }
        var errors = QueueSpecValidator.Validate(name, spec!);
        var normalized = QueueSpecValidator.Normalize(spec!);
        if (errors.IsEmpty && TimeoutRules.CheckDeploymentMax((int)Math.Ceiling(Duration.Parse(normalized.PoolTimeout!).TotalSeconds), tasks.Value.MaxTimeoutSeconds) is { } tooLong)
        {
            errors.Add("poolTimeout", tooLong);
        }
        if (errors.IsEmpty && normalized.DeadLetter is { } deadLetter && (await store.ExistingAsync([deadLetter], ct)).Count == 0)
        {
            errors.Add("deadLetter", $"queue '{deadLetter}' does not exist; define it first");
        }
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The queue definition is not valid");
        }
        if (dryRun == "true")
        {
            return TypedResults.Ok(normalized);
        }
        var created = await store.UpsertAsync(name, normalized, ct);
        spawner.Notify();
        var dto = (await store.GetAsync(name, ct))!.AsDto();
        return created ? TypedResults.Created($"/api/v1/queues/{name}", dto) : TypedResults.Ok(dto);
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(
        string name, bool? force, QueueStore store, TaskStore tasks, ILogger<QueueStore> logger, CancellationToken ct)
    {
        if (QueueSpecValidator.CheckName(name) is not null)
        {
            return TypedResults.NotFound();
        }
        var outcome = await store.DeleteAsync(name, force == true, ct);
        if (!outcome.Found)
        {
            return TypedResults.NotFound();
        }
        if (!outcome.Deleted)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Items are claimed",
                detail: $"{outcome.Claimed} item(s) of queue '{name}' are claimed by runtimes now. Wait for them, pause the queue first, or delete with ?force=true.");
        }
        if (outcome.PoolTaskId is { } pool)
        {
            await tasks.CancelAsync(pool, "queue deleted", ct);
        }
        QueuesLog.QueueDeleted(logger, name, outcome.Claimed);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<QueueDto>, NotFound>> SetPausedAsync(string name, bool paused, QueueStore store, CancellationToken ct)
    {
        if (QueueSpecValidator.CheckName(name) is not null || !await store.SetPausedAsync(name, paused, ct))
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok((await store.GetAsync(name, ct))!.AsDto());
    }

    private static async Task<Results<Created<CreatedQueueTokenDto>, NotFound, ValidationProblem, ProblemHttpResult>> CreateTokenAsync(
        string name, HttpRequest request, QueueStore store, RuntimeTokenStore tokens, IOptions<QueueOptions> options, CancellationToken ct)
    {
        if (QueueSpecValidator.CheckName(name) is not null)
        {
            return TypedResults.NotFound();
        }
        var (body, problem) = await JsonBody.ReadAsync(request, QueuesJson.Strict.QueueTokenRequest, options.Value.MaxSmallRequestBytes);
        if (problem is not null)
        {
            return problem;
        }
        var tokenName = body!.Name ?? "";
        if (tokenName.Length is 0 or > 100 || Contracts.Validation.TextRules.Check(tokenName, 100) is not null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = ["must be 1..100 characters of text"] });
        }
        if ((await store.ExistingAsync([name], ct)).Count == 0)
        {
            return TypedResults.NotFound();
        }
        var token = await tokens.CreateAsync(name, tokenName, null, null, ct);
        return TypedResults.Created($"/api/v1/queues/{name}", new CreatedQueueTokenDto(name, tokenName, token));
    }

    private static async Task<Results<Ok<ImportResultDto>, ValidationProblem, ProblemHttpResult>> ImportAsync(
        string? format, string? dryRun, HttpRequest request, QueueStore store, SpawnerSignal spawner, IOptions<QueueOptions> options, CancellationToken ct)
    {
        if (dryRun is not (null or "true" or "false"))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["dryRun"] = ["must be true or false"] }, title: "The query is not valid");
        }
        if (format != "job-chief")
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["must be 'job-chief' (the only import format)"] },
                title: "Unknown import format");
        }
        var (bytes, problem) = await JsonBody.ReadBytesAsync(request, options.Value.MaxSmallRequestBytes);
        if (problem is not null)
        {
            return problem;
        }
        var import = JobChiefImporter.Convert(bytes!);
        if (!import.Errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(import.Errors.ToDictionary(), title: "The job-chief file is not valid; nothing was imported");
        }
        if (dryRun == "true")
        {
            var existing = await store.ExistingAsync([.. import.Queues.Select(q => q.Name)], ct);
            return TypedResults.Ok(new ImportResultDto([.. import.Queues.Select(q => q.Name).Where(n => !existing.Contains(n))],
                [.. existing], import.Unmapped, import.Notes, DryRun: true));
        }
        var (created, updated) = await store.UpsertManyAsync(import.Queues, ct);
        spawner.Notify();
        return TypedResults.Ok(new ImportResultDto(created, updated, import.Unmapped, import.Notes));
    }
}
