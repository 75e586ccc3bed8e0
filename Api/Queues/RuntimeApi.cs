using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Overseer.Api.Infrastructure.Http;
using Overseer.Contracts.Queues;
using Overseer.Contracts.Validation;

namespace Overseer.Api.Queues;

/// <summary>
/// The runtime protocol under <c>/internal/v1/queues/{name}/</c>: claim, extend, ack, nack, release
/// (docs/queue-protocol.md). Callers authenticate with a runtime credential scoped to exactly this queue.
/// </summary>
public static class RuntimeApi
{
    /// <summary>Most items in one runtime request.</summary>
    public const int MaxItems = 1000;

    /// <summary>Maps the runtime endpoints.</summary>
    public static IEndpointRouteBuilder MapRuntimeApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/internal/v1/queues/{name}").WithTags("Queue runtime")
            .RequireAuthorization(RuntimeTokenHandler.PolicyName).AddEndpointFilter(InScope);
        group.MapPost("/claim", ClaimAsync);
        group.MapPost("/extend", ExtendAsync);
        group.MapPost("/ack", AckAsync);
        group.MapPost("/nack", NackAsync);
        group.MapPost("/release", ReleaseAsync);
        return app;
    }

    private static async ValueTask<object?> InScope(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var name = context.HttpContext.GetRouteValue("name") as string;
        var scope = context.HttpContext.User.FindFirst(RuntimeTokenHandler.QueueClaim)?.Value;
        if (scope is null || !string.Equals(name, scope, StringComparison.Ordinal))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Credential scoped to another queue",
                detail: $"This runtime credential works only on queue '{scope}', not on '{name}'.");
        }
        return await next(context);
    }

    private static async Task<Results<Ok<ClaimResponse>, ValidationProblem, ProblemHttpResult>> ClaimAsync(
        string name, HttpRequest request, QueueItemStore items, IOptions<QueueOptions> options, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync(request, QueuesJson.Strict.ClaimRequest, options.Value.MaxSmallRequestBytes);
        if (problem is not null)
        {
            return problem;
        }
        var errors = new ValidationErrors();
        var max = body!.Max ?? 1;
        if (max is < 0 or > MaxItems)
        {
            errors.Add("max", $"must be between 0 and {MaxItems} (got {max})");
        }
        var ack = body.Ack ?? [];
        CheckLeases(errors, "ack", ack, allowEmpty: true);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The claim is not valid");
        }
        var result = await items.ClaimAsync(name, max, ack, ct);
        return result is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown queue", detail: $"Queue '{name}' no longer exists.")
            : TypedResults.Ok(new ClaimResponse(result.Items, result.LeaseSeconds, result.Acked, result.Stale));
    }

    private static async Task<Results<Ok<ExtendResponse>, ValidationProblem, ProblemHttpResult>> ExtendAsync(
        string name, HttpRequest request, QueueItemStore items, IOptions<QueueOptions> options, CancellationToken ct)
    {
        var (leases, problem) = await ReadLeasesAsync(request, options.Value);
        if (problem is not null)
        {
            return problem;
        }
        var result = await items.ExtendAsync(name, leases!, ct);
        return result.Extended.Count == 0 ? AllStale("No lease was extended", result.Lost) : TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<AckResponse>, ValidationProblem, ProblemHttpResult>> AckAsync(
        string name, HttpRequest request, QueueItemStore items, IOptions<QueueOptions> options, CancellationToken ct)
    {
        var (leases, problem) = await ReadLeasesAsync(request, options.Value);
        if (problem is not null)
        {
            return problem;
        }
        var result = await items.AckAsync(name, leases!, ct);
        return result.Acked.Count == 0 ? AllStale("No item was acked", result.Stale) : TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<NackResponse>, ValidationProblem, ProblemHttpResult>> NackAsync(
        string name, HttpRequest request, QueueItemStore items, IOptions<QueueOptions> options, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync(request, QueuesJson.Strict.NackRequest, options.Value.MaxSmallRequestBytes);
        if (problem is not null)
        {
            return problem;
        }
        var errors = new ValidationErrors();
        var list = body!.Items ?? [];
        CheckLeases(errors, "items", [.. list.Select(i => i is null ? null! : new LeaseRef(i.Id, i.LeaseToken))], allowEmpty: false);
        for (var i = 0; i < list.Count && errors.IsEmpty; i++)
        {
            if (list[i].RetryInSeconds is { } delay && (!double.IsFinite(delay) || delay < 0 || delay > 86400))
            {
                errors.Add($"items[{i}].retryInSeconds", "must be between 0 and 86400");
            }
            if (list[i].Error is { } error && TextRules.Check(error, 4096) is { } bad)
            {
                errors.Add($"items[{i}].error", bad);
            }
        }
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The nack is not valid");
        }
        var result = await items.NackAsync(name, list, ct);
        return result.Retried.Count + result.Dead.Count == 0 ? AllStale("No item was nacked", result.Stale) : TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<ReleaseResponse>, ValidationProblem, ProblemHttpResult>> ReleaseAsync(
        string name, HttpRequest request, QueueItemStore items, IOptions<QueueOptions> options, CancellationToken ct)
    {
        var (leases, problem) = await ReadLeasesAsync(request, options.Value);
        if (problem is not null)
        {
            return problem;
        }
        var result = await items.ReleaseAsync(name, leases!, ct);
        return result.Released.Count == 0 ? AllStale("No item was released", result.Stale) : TypedResults.Ok(result);
    }

    private static async Task<(IReadOnlyList<LeaseRef>? Leases, ProblemHttpResult? Problem)> ReadLeasesAsync(HttpRequest request, QueueOptions options)
    {
        var (body, problem) = await JsonBody.ReadAsync(request, QueuesJson.Strict.LeasesRequest, options.MaxSmallRequestBytes);
        if (problem is not null)
        {
            return (null, problem);
        }
        var errors = new ValidationErrors();
        var leases = body!.Items ?? [];
        CheckLeases(errors, "items", leases, allowEmpty: false);
        return errors.IsEmpty ? (leases, null) : (null, TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary())
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request body is not valid",
        }));
    }

    private static void CheckLeases(ValidationErrors errors, string field, IReadOnlyList<LeaseRef> leases, bool allowEmpty)
    {
        if (leases.Count == 0 && !allowEmpty)
        {
            errors.Add(field, "at least one item is required");
        }
        if (leases.Count > MaxItems)
        {
            errors.Add(field, $"at most {MaxItems} items per request (got {leases.Count})");
            return;
        }
        for (var i = 0; i < leases.Count; i++)
        {
            if (leases[i] is null)
            {
                errors.Add($"{field}[{i}]", "must be an object with id and leaseToken");
            }
            else if (leases[i].LeaseToken == Guid.Empty)
            {
                errors.Add($"{field}[{i}].leaseToken", "is required (the token the claim returned)");
            }
        }
    }

    /// <summary>Every item was stale: 409, listing them, and nothing changed.</summary>
    private static ProblemHttpResult AllStale(string title, IReadOnlyList<long> stale) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title,
            detail: "The lease token no longer holds these items: their lease expired and they were reclaimed, or they are finished. Stop working on them.",
            extensions: new Dictionary<string, object?> { ["stale"] = stale });
}
