using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Overseer.Sidecar.Relay;

/// <summary>
/// Shared mode: attempts are known by (task, attempt, token) from their capability URL. A post is checked with the
/// Api at once when it answers within <see cref="RelayOptions.EnrollTimeout"/> (a wrong token gets 403); when the Api is
/// unreachable the post is accepted and checked later, so a result is never lost to an outage, and a bogus post can
/// never take the place of the real one (each token has its own session; only a valid token enrolls).
/// </summary>
internal sealed class SharedSessions(ResultRelay relay, IOptions<RelayOptions> options) : IDisposable
{
    private static readonly TimeSpan KeepFinished = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, (AttemptSession Session, DateTime Added)> _sessions = new();
    private readonly ConcurrentDictionary<Task, bool> _deliveries = new();
    private readonly CancellationTokenSource _drain = new();
    private int _pending;

    /// <summary>Handles a runner's post.</summary>
    public async Task<IResult> PostAsync(Guid taskId, int attempt, string token, byte[] result, CancellationToken ct)
    {
        if (Volatile.Read(ref _pending) >= options.Value.MaxPending)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Too many results pending",
                detail: "The sidecar holds too many undelivered results; try again later.");
        }
        Prune();
        var key = FormattableString.Invariant($"{taskId:N}/{attempt}/{Convert.ToHexString(new AttemptSession(taskId, attempt, token).TokenHash)}");
        var session = _sessions.GetOrAdd(key, _ => (new AttemptSession(taskId, attempt, token), DateTime.UtcNow)).Session;
        if (!session.TryPost(result))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Result already posted",
                detail: "A result was already posted for this attempt.");
        }
        if (session.Key is null)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.Value.EnrollTimeout);
            ApiOutcome outcome;
            try
            {
                outcome = await relay.EnrollOnceAsync(session, timeout.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                outcome = new ApiOutcome(ApiOutcomeKind.Unavailable, 0, "timeout");
            }
            if (outcome.Kind == ApiOutcomeKind.Refused)
            {
                _sessions.TryRemove(key, out _);
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not this attempt's result URL",
                    detail: "The Api refused the token in this URL for this task and attempt: " + outcome.Detail);
            }
        }
        Interlocked.Increment(ref _pending);
        var delivery = DeliverAsync(session);
        _deliveries.TryAdd(delivery, true);
        _ = delivery.ContinueWith(t => _deliveries.TryRemove(t, out _), TaskScheduler.Default);
        return TypedResults.Json(new { status = "accepted" }, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>Keeps delivering for <paramref name="drainTimeout"/>, then gives up on what is left.</summary>
    public async Task DrainAsync(TimeSpan drainTimeout, CancellationToken ct)
    {
        _drain.CancelAfter(drainTimeout);
        await Task.WhenAll(_deliveries.Keys).WaitAsync(ct).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public void Dispose() => _drain.Dispose();

    private async Task DeliverAsync(AttemptSession session)
    {
        await Task.Yield();
        try
        {
            await relay.DeliverAsync(session, ResultRelay.Envelope(session.Result, []), 0, _drain.Token);
        }
        finally
        {
            Interlocked.Decrement(ref _pending);
        }
    }

    private void Prune()
    {
        if (_sessions.Count < 1024)
        {
            return;
        }
        foreach (var (key, (session, added)) in _sessions)
        {
            if (session.Finished.Task.IsCompleted && DateTime.UtcNow - added > KeepFinished)
            {
                _sessions.TryRemove(key, out _);
            }
        }
    }
}
