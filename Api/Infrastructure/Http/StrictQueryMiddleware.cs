using System.Collections.Concurrent;

namespace Overseer.Api.Infrastructure.Http;

/// <summary>
/// A GET of <c>/api/v1</c> with a query parameter its endpoint does not know is answered 400, a validation problem
/// naming every unknown parameter (as unknown JSON fields are), instead of the parameter being ignored: a misspelt
/// filter (<c>?stat=Failed</c>) would otherwise silently answer everything.
/// </summary>
internal sealed class StrictQueryMiddleware(RequestDelegate next)
{
    private readonly ConcurrentDictionary<Endpoint, IReadOnlySet<string>> _known = new();

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || request.Query.Count == 0
            || !request.Path.StartsWithSegments("/api/v1", StringComparison.OrdinalIgnoreCase) || context.GetEndpoint() is not { } endpoint)
        {
            return next(context);
        }
        var known = _known.GetOrAdd(endpoint, BoundQueryParameters.Of);
        var unknown = request.Query.Keys.Where(k => !known.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count == 0)
        {
            return next(context);
        }
        var accepted = known.Count == 0 ? "this endpoint takes no query parameters" : "known: " + string.Join(", ", known.Order(StringComparer.Ordinal));
        var errors = unknown.ToDictionary(k => k, _ => new[] { $"is not a known query parameter ({accepted})" });
        return TypedResults.ValidationProblem(errors, title: "The query is not valid").ExecuteAsync(context);
    }
}
