using System.Security.Cryptography;
using System.Text.Json;
using Overseer.Contracts.Auth;
using Overseer.Contracts.Signing;

namespace Overseer.Api.Results;

/// <summary>
/// Endpoints sidecars call under <c>/internal/v1</c> (authenticated by enrollment token or signature, not by bearer
/// token), and the download of a result's files under <c>/api/v1/tasks</c>.
/// </summary>
public static class ResultsApi
{
    private const int MaxEnrollmentBytes = 8 * 1024;

    /// <summary>Maps the result endpoints.</summary>
    public static IEndpointRouteBuilder MapResultsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/internal/v1").WithTags("Internal").AllowAnonymous().AddEndpointFilter(StampApiTime);
        group.MapPost("/enrollments", EnrollAsync);
        group.MapPost("/results", RecordAsync);
        group.MapPost("/heartbeats", HeartbeatAsync);
        app.MapGet("/api/v1/tasks/{id:guid}/attempts/{attempt:int}/files/{**path}", GetFileAsync)
            .WithTags("Tasks").RequireAuthorization(TokenScopes.Read);
        return app;
    }

    /// <summary>Tells the sidecar the Api's time on every answer, refusals included (docs/result-signing.md, clock skew).</summary>
    private static ValueTask<object?> StampApiTime(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var time = http.RequestServices.GetRequiredService<TimeProvider>();
        http.Response.OnStarting(() =>
        {
            http.Response.Headers[SigningHeaders.ApiTime] = time.GetUtcNow().UtcDateTime.ToString(SigningHeaders.ApiTimeFormat, System.Globalization.CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
        return next(context);
    }

    private static async Task<IResult> EnrollAsync(HttpRequest request, ResultServices s, CancellationToken ct)
    {
        var body = await SignedRequestVerifier.ReadBodyAsync(request, MaxEnrollmentBytes, ct);
        if (body is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large");
        }
        EnrollmentRequest? enrollment;
        try
        {
            enrollment = JsonSerializer.Deserialize(body, SigningJsonContext.Default.EnrollmentRequest);
        }
        catch (JsonException)
        {
            enrollment = null;
        }
        if (enrollment is null || enrollment.Attempt < 1 || !Base64Url.TryDecode(enrollment.Instance, out var instance)
            || instance.Length is < 16 or > 64)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not an enrollment request",
                detail: "Expected {taskId, attempt, token, instance}; instance is 16 to 64 random bytes, base64url.");
        }
        var (taskId, attempt) = (enrollment.TaskId, enrollment.Attempt);
        if (!s.Keys.IsEnrollmentToken(taskId, attempt, enrollment.Token))
        {
            s.Metrics.Enrollment("invalid-token");
            ResultsLog.Refused(s.Logger, "Enrollment", taskId, attempt, "the token was not issued for this attempt");
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Enrollment refused",
                detail: "The token was not issued for this task and attempt.");
        }
        var outcome = await s.Store.EnrollAsync(taskId, attempt, SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(enrollment.Token)),
            SHA256.HashData(instance), ct);
        s.Metrics.Enrollment(outcome.ToString().ToLowerInvariant());
        switch (outcome)
        {
            case StoreOutcome.Done or StoreOutcome.Repeated:
                ResultsLog.Enrolled(s.Logger, taskId, attempt, outcome == StoreOutcome.Done ? "first" : "repeated by the same instance");
                var key = s.Keys.AttemptKey(taskId, attempt);
                var answer = new EnrollmentResponse(Base64Url.Encode(key), Math.Max(1, (int)s.Executor.HeartbeatInterval.TotalSeconds));
                CryptographicOperations.ZeroMemory(key);
                return TypedResults.Json(answer, SigningJsonContext.Default.EnrollmentResponse);
            case StoreOutcome.Contested:
                ResultsLog.Contested(s.Logger, taskId, attempt);
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Enrollment already used",
                    detail: "This attempt's token was already exchanged by another sidecar instance; the attempt's results will be refused.");
            case StoreOutcome.Fenced:
                s.Metrics.Fenced("enrollment");
                ResultsLog.Refused(s.Logger, "Enrollment", taskId, attempt, "the attempt is no longer the task's latest");
                return Fenced();
            default:
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such task");
        }
    }

    private static async Task<IResult> RecordAsync(HttpRequest request, ResultServices s, CancellationToken ct)
    {
        var (signed, failure) = await s.Verifier.VerifyAsync(request, ct);
        if (signed is null)
        {
            return failure!;
        }
        var (resultJson, files, error) = EnvelopeReader.Read(signed.Body, s.Options.MaxFiles);
        if (error is not null)
        {
            s.Metrics.Rejected("envelope");
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a result envelope", detail: error);
        }
        var outcome = await s.Store.RecordAsync(signed, resultJson, files, s.NonceExpiry(signed.SignedAt), ct);
        switch (outcome)
        {
            case StoreOutcome.Done:
                s.Metrics.Recorded();
                ResultsLog.Recorded(s.Logger, signed.TaskId, signed.Attempt, files.Count);
                return TypedResults.Json(new RecordedResultDto("recorded"), SigningJsonContext.Default.RecordedResultDto,
                    statusCode: StatusCodes.Status201Created);
            case StoreOutcome.Repeated:
                s.Metrics.Duplicate();
                ResultsLog.Duplicate(s.Logger, signed.TaskId, signed.Attempt);
                return TypedResults.Json(new RecordedResultDto("duplicate"), SigningJsonContext.Default.RecordedResultDto);
            case StoreOutcome.Conflict:
                ResultsLog.Refused(s.Logger, "Result", signed.TaskId, signed.Attempt, "a different result was already recorded");
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Result already recorded",
                    detail: "A different result was already recorded for this attempt.");
            case StoreOutcome.Fenced:
                s.Metrics.Fenced("result");
                ResultsLog.Refused(s.Logger, "Result", signed.TaskId, signed.Attempt, "the attempt is no longer the task's latest");
                return Fenced();
            case StoreOutcome.Contested:
                ResultsLog.Refused(s.Logger, "Result", signed.TaskId, signed.Attempt, "the attempt's enrollment was contested");
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Enrollment contested",
                    detail: "Two sidecar instances enrolled for this attempt; its results are refused.");
            case StoreOutcome.Replay:
                return s.Verifier.Reject("replay", signed.TaskId, signed.Attempt, "The nonce was already used.").Item2!;
            default:
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such task");
        }
    }

    private static async Task<IResult> HeartbeatAsync(HttpRequest request, ResultServices s, CancellationToken ct)
    {
        var (signed, failure) = await s.Verifier.VerifyAsync(request, ct);
        if (signed is null)
        {
            return failure!;
        }
        var outcome = await s.Store.HeartbeatAsync(signed, s.Executor.HeartbeatTimeout, s.NonceExpiry(signed.SignedAt), ct);
        switch (outcome)
        {
            case StoreOutcome.Done:
                return TypedResults.NoContent();
            case StoreOutcome.Replay:
                return s.Verifier.Reject("replay", signed.TaskId, signed.Attempt, "The nonce was already used.").Item2!;
            case StoreOutcome.Fenced:
                s.Metrics.Fenced("heartbeat");
                return Fenced();
            case StoreOutcome.NotLive:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Attempt not running",
                    detail: "The attempt has ended; heartbeats are no longer needed.");
            default:
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such task");
        }
    }

    private static async Task<IResult> GetFileAsync(Guid id, int attempt, string path, ResultStore store, CancellationToken ct) =>
        await store.GetFileAsync(id, attempt, path, ct) is { } content
            ? TypedResults.Bytes(content, "application/octet-stream")
            : TypedResults.NotFound();

    private static IResult Fenced() => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Attempt fenced",
        detail: "The attempt is no longer the task's latest; its results are refused.");
}
