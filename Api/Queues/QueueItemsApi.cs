using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Overseer.Api.Infrastructure.Http;
using Overseer.Contracts.Auth;
using Overseer.Contracts.Queues;

namespace Overseer.Api.Queues;

/// <summary>Endpoints under <c>/api/v1/queues/{name}/items</c>: enqueue (one item or up to 10,000), list, and requeue a dead item.</summary>
public static class QueueItemsApi
{
    private static readonly string[] States = ["available", "claimed", "done", "dead"];

    /// <summary>Maps the item endpoints on the queues group.</summary>
    public static RouteGroupBuilder MapQueueItemsApi(this RouteGroupBuilder group)
    {
        group.MapPost("/{name}/items", EnqueueAsync).RequireAuthorization(TokenScopes.Write);
        group.MapGet("/{name}/items", ListAsync);
        group.MapPost("/{name}/items/{id:long}:requeue", RequeueAsync).RequireAuthorization(TokenScopes.Write);
        return group;
    }

    private static async Task<Results<Accepted<EnqueuedDto>, ValidationProblem, ProblemHttpResult>> EnqueueAsync(
        string name, HttpRequest request, QueueItemStore items, SpawnerSignal spawner, IOptions<QueueOptions> options, CancellationToken ct)
    {
        if (QueueSpecValidator.CheckName(name) is not null)
        {
            return UnknownQueue(name);
        }
        if (!IsJson(request.ContentType))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: $"Send the body as application/json (got '{request.ContentType ?? "none"}').");
        }
        var (body, tooLarge) = await JsonBody.ReadBytesAsync(request, options.Value.MaxRequestBytes);
        if (tooLarge is not null)
        {
            return tooLarge;
        }
        var (parsed, errors) = EnqueueParser.Parse(body!, options.Value);
        if (errors is not null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The items are not valid; none was enqueued");
        }
        var result = await items.EnqueueAsync(name, parsed!, ct);
        if (result is null)
        {
            return UnknownQueue(name);
        }
        spawner.Notify();
        return TypedResults.Accepted($"/api/v1/queues/{name}", result);
    }

    private static async Task<Results<Ok<IReadOnlyList<QueueItemDto>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string name, string? state, int? limit, long? before, QueueStore store, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (state is not null && !States.Contains(state))
        {
            errors["state"] = ["must be available, claimed, done or dead"];
        }
        if (limit is < 1 or > 1000)
        {
            errors["limit"] = ["must be between 1 and 1000"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The query is not valid");
        }
        if (QueueSpecValidator.CheckName(name) is not null || (await store.ExistingAsync([name], ct)).Count == 0)
        {
            return UnknownQueue(name);
        }
        var rows = await store.ListItemsAsync(name, state, before, limit ?? 100, ct);
        return TypedResults.Ok<IReadOnlyList<QueueItemDto>>([.. rows.Select(r => r.AsDto())]);
    }

    private static async Task<Results<Ok<QueueItemDto>, ProblemHttpResult>> RequeueAsync(
        string name, long id, QueueStore store, SpawnerSignal spawner, CancellationToken ct)
    {
        if (QueueSpecValidator.CheckName(name) is not null || (await store.ExistingAsync([name], ct)).Count == 0)
        {
            return UnknownQueue(name);
        }
        QueueItemRecord? item;
        try
        {
            item = await store.RequeueAsync(name, id, ct);
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Dedup key in use",
                detail: $"Item {id} cannot be requeued: a live item of '{name}' holds the same dedupKey.");
        }
        if (item is null)
        {
            var current = (await store.ListItemsAsync(name, null, id + 1, 1, ct)).FirstOrDefault(i => i.Id == id);
            return current is null
                ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown item", detail: $"Queue '{name}' has no item {id}.")
                : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Item is not dead",
                    detail: $"Item {id} is {current.State}; only dead items can be requeued.");
        }
        spawner.Notify();
        return TypedResults.Ok(item.AsDto());
    }

    private static ProblemHttpResult UnknownQueue(string name) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown queue",
            detail: $"There is no queue named '{name}'. Define it first with PUT /api/v1/queues/{{name}}.");

    private static bool IsJson(string? contentType) =>
        contentType is not null && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || contentType.Split(';')[0].Trim().EndsWith("+json", StringComparison.OrdinalIgnoreCase));
}
