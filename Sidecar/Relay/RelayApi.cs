using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Overseer.Sidecar.Relay;

/// <summary>Where runners post their result: <c>POST /v1/result</c> (per-pod) or their capability URL (shared mode).</summary>
public static class RelayApi
{
    /// <summary>Maps the relay endpoints.</summary>
    public static IEndpointRouteBuilder MapRelayApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/result", PostPodAsync).WithTags("Relay");
        app.MapPost("/v1/attempts/{taskId:guid}/{attempt:int}/{token}/result", PostSharedAsync).WithTags("Relay");
        return app;
    }

    private static async Task<IResult> PostPodAsync(HttpRequest request, PodAttempt pod, ApiClient api, IOptions<RelayOptions> options, CancellationToken ct)
    {
        if (pod.Session is not { } session || api.BaseAddress is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not a per-pod sidecar",
                detail: "This sidecar serves local attempts: post to OVERSEER_RESULT_URL.");
        }
        var (result, problem) = await ReadResultAsync(request, options.Value.MaxResultBytes, ct);
        if (result is null)
        {
            return problem!;
        }
        return session.TryPost(result)
            ? TypedResults.Json(new { status = "accepted" }, statusCode: StatusCodes.Status202Accepted)
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Result already posted",
                detail: "A result was already posted for this attempt.");
    }

    private static async Task<IResult> PostSharedAsync(Guid taskId, int attempt, string token, HttpRequest request, PodAttempt pod,
        SharedSessions sessions, ApiClient api, IOptions<RelayOptions> options, CancellationToken ct)
    {
        if (pod.Session is not null || api.BaseAddress is null || attempt < 1)
        {
            return TypedResults.NotFound();
        }
        var (result, problem) = await ReadResultAsync(request, options.Value.MaxResultBytes, ct);
        if (result is null)
        {
            return problem!;
        }
        var (answer, accepted) = await sessions.PostAsync(taskId, attempt, token, result, ct);
        if (accepted is not null)
        {
            // Relay once the runner has its answer (the result is already spooled, so a crash in between loses nothing).
            request.HttpContext.Response.OnCompleted(() =>
            {
                sessions.Deliver(accepted);
                return Task.CompletedTask;
            });
        }
        return answer;
    }

    private static async Task<(byte[]? Result, IResult? Problem)> ReadResultAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength > limit)
        {
            return (null, TooLarge(limit));
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return (null, TooLarge(limit));
            }
            buffer.Write(chunk, 0, read);
        }
        var bytes = buffer.ToArray();
        try
        {
            using var _ = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The result is not JSON", detail: e.Message));
        }
        return (bytes, null);
    }

    private static ProblemHttpResult TooLarge(int limit) => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Result too large", detail: $"A result may be at most {limit} bytes of JSON.");
}
