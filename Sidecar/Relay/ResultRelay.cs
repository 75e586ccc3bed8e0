using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Overseer.Contracts.Signing;

namespace Overseer.Sidecar.Relay;

/// <summary>
/// Enrolls attempts and delivers their results: retried with backoff while the Api is unavailable, until it
/// acknowledges, refuses for good, or the caller's token (the drain deadline) ends it. Each try is signed anew.
/// </summary>
internal sealed class ResultRelay(ApiClient api, ResultSpool spool, IOptions<RelayOptions> options, TimeProvider time, ILogger<ResultRelay> logger)
{
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    /// <summary>
    /// This relay's enrollment instance: retries with it are answered again, another instance contests. Kept in the
    /// spool when there is one, so a restarted sidecar is the same instance; otherwise new for each process.
    /// </summary>
    public string Instance { get; } = spool.Instance() ?? Base64Url.Encode(RandomNumberGenerator.GetBytes(32));

    /// <summary>One enrollment try; on success the session holds the key.</summary>
    public async Task<ApiOutcome> EnrollOnceAsync(AttemptSession session, CancellationToken ct)
    {
        var (outcome, answer) = await api.EnrollAsync(new EnrollmentRequest(session.TaskId, session.Attempt, session.Token, Instance), ct);
        if (answer is not null && Base64Url.TryDecode(answer.Key, out var key))
        {
            session.Key = key;
            session.HeartbeatInterval = options.Value.HeartbeatInterval ?? TimeSpan.FromSeconds(Math.Max(1, answer.HeartbeatIntervalSeconds));
            RelayLog.Enrolled(logger, session.TaskId, session.Attempt);
        }
        else if (outcome.Kind == ApiOutcomeKind.Refused)
        {
            RelayLog.EnrollmentRefused(logger, session.TaskId, session.Attempt, outcome.Status, outcome.Detail);
        }
        return outcome;
    }

    /// <summary>Enrolls, retrying while the Api is unavailable; false when refused or cancelled.</summary>
    public async Task<bool> EnrollAsync(AttemptSession session, CancellationToken ct)
    {
        var backoff = new Backoff(options.Value.RetryInitialDelay, options.Value.RetryMaxDelay);
        while (session.Key is null)
        {
            var outcome = await EnrollOnceAsync(session, ct);
            if (outcome.Kind == ApiOutcomeKind.Refused)
            {
                return false;
            }
            if (outcome.Kind == ApiOutcomeKind.Unavailable)
            {
                await WaitAsync(backoff, "Enrollment", session, outcome, ct);
            }
        }
        return true;
    }

    /// <summary>Delivers a result envelope; true when the Api recorded it (now or before).</summary>
    public async Task<bool> DeliverAsync(AttemptSession session, byte[] envelope, int files, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        try
        {
            if (!await EnrollAsync(session, ct))
            {
                return false;
            }
            var backoff = new Backoff(options.Value.RetryInitialDelay, options.Value.RetryMaxDelay);
            while (true)
            {
                var outcome = await api.SendSignedAsync(InternalPaths.Results, session.Key!, session.TaskId, session.Attempt, envelope, ct);
                switch (outcome.Kind)
                {
                    case ApiOutcomeKind.Accepted:
                        RelayLog.Delivered(logger, session.TaskId, session.Attempt, Status(outcome.Body), files, backoff.Tries + 1);
                        return true;
                    case ApiOutcomeKind.Refused:
                        RelayLog.DeliveryRefused(logger, session.TaskId, session.Attempt, outcome.Status, outcome.Detail);
                        return false;
                    default:
                        await WaitAsync(backoff, "Delivery", session, outcome, ct);
                        break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            RelayLog.GaveUp(logger, session.TaskId, session.Attempt, time.GetElapsedTime(started).TotalSeconds);
            return false;
        }
        finally
        {
            session.Finished.TrySetResult();
        }
    }

    /// <summary>One heartbeat.</summary>
    public Task<ApiOutcome> HeartbeatAsync(AttemptSession session, CancellationToken ct) =>
        api.SendSignedAsync(InternalPaths.Heartbeats, session.Key!, session.TaskId, session.Attempt, EmptyObject, ct);

    /// <summary>The signed body: <c>{"result": ..., "files": [...]}</c>, the result's JSON copied as posted.</summary>
    public static byte[] Envelope(byte[]? result, IReadOnlyList<OutputFileDto> files)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("result");
            if (result is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteRawValue(result, skipInputValidation: false);
            }
            writer.WriteStartArray("files");
            foreach (var file in files)
            {
                writer.WriteStartObject();
                writer.WriteString("path", file.Path);
                writer.WriteNumber("size", file.Size);
                writer.WriteString("sha256", file.Sha256);
                writer.WriteString("content", file.Content);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private async Task WaitAsync(Backoff backoff, string what, AttemptSession session, ApiOutcome outcome, CancellationToken ct)
    {
        var delay = backoff.Next();
        RelayLog.Retrying(logger, what, session.TaskId, session.Attempt, outcome.Status == 0 ? outcome.Detail : $"{outcome.Status} {outcome.Detail}",
            backoff.Tries, delay.TotalMilliseconds);
        await Task.Delay(delay, time, ct);
    }

    private static string Status(byte[]? body)
    {
        try
        {
            return body is null ? "" : JsonSerializer.Deserialize(body, SigningJsonContext.Default.RecordedResultDto)?.Status ?? "";
        }
        catch (JsonException)
        {
            return "";
        }
    }
}
