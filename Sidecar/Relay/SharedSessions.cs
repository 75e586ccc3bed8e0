using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Overseer.Contracts.Faults;

namespace Overseer.Sidecar.Relay;

/// <summary>
/// Shared mode: attempts are known by (task, attempt, token) from their capability URL. A post is checked with the
/// Api at once when it answers within <see cref="RelayOptions.EnrollTimeout"/> (a wrong token gets 403); when the Api is
/// unreachable the post is accepted and checked later, so a result is never lost to an outage, and a bogus post can
/// never take the place of the real one (each token has its own session; only a valid token enrolls). An accepted
/// result is in the <see cref="ResultSpool"/> before the runner hears 202, so it also outlives a crash of the sidecar;
/// a runner that re-posts the same result (it never heard the answer) is answered 202 again.
/// </summary>
internal sealed class SharedSessions(ResultRelay relay, ResultSpool spool, IOptions<RelayOptions> options, ILogger<SharedSessions> logger) : IDisposable
{
    private static readonly TimeSpan KeepFinished = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, (AttemptSession Session, DateTime Added)> _sessions = new();
    private readonly ConcurrentDictionary<Task, bool> _deliveries = new();
    private readonly CancellationTokenSource _drain = new();
    private int _pending;

    /// <summary>
    /// Handles a runner's post: the answer, and the session whose delivery is to start once the runner has it (null when
    /// there is nothing new to deliver).
    /// </summary>
    public async Task<(IResult Answer, AttemptSession? Deliver)> PostAsync(Guid taskId, int attempt, string token, byte[] result, CancellationToken ct)
    {
        if (Volatile.Read(ref _pending) >= options.Value.MaxPending)
        {
            return (TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Too many results pending",
                detail: "The sidecar holds too many undelivered results; try again later."), null);
        }
        Prune();
        var candidate = new AttemptSession(taskId, attempt, token);
        var key = KeyOf(candidate);
        var session = _sessions.GetOrAdd(key, _ => (candidate, DateTime.UtcNow)).Session;
        if (!session.TryPost(result))
        {
            return (session.IsPosted(result)
                ? Accepted()
                : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Result already posted",
                    detail: "A different result was already posted for this attempt."), null);
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
                return (TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not this attempt's result URL",
                    detail: "The Api refused the token in this URL for this task and attempt: " + outcome.Detail), null);
            }
        }
        spool.Save(session);
        Interlocked.Increment(ref _pending);
        return (Accepted(), session);
    }

    /// <summary>Starts delivering a session <see cref="PostAsync"/> accepted (after the runner was answered).</summary>
    public void Deliver(AttemptSession session)
    {
        var delivery = DeliverAsync(session);
        _deliveries.TryAdd(delivery, true);
        _ = delivery.ContinueWith(t => _deliveries.TryRemove(t, out _), TaskScheduler.Default);
    }

    /// <summary>Delivers what a previous run of the sidecar accepted and did not finish with.</summary>
    public void Resume()
    {
        var spooled = spool.Load();
        if (spooled.Count > 0)
        {
            RelayLog.Resuming(logger, spooled.Count);
        }
        foreach (var session in spooled)
        {
            if (_sessions.TryAdd(KeyOf(session), (session, DateTime.UtcNow)))
            {
                Interlocked.Increment(ref _pending);
                Deliver(session);
            }
        }
    }

    /// <summary>Keeps delivering for <paramref name="drainTimeout"/>, then gives up on what is left (a spool keeps it for the next start).</summary>
    public async Task DrainAsync(TimeSpan drainTimeout, CancellationToken ct)
    {
        _drain.CancelAfter(drainTimeout);
        await Task.WhenAll(_deliveries.Keys).WaitAsync(ct).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public void Dispose() => _drain.Dispose();

    private static IResult Accepted() => TypedResults.Json(new { status = "accepted" }, statusCode: StatusCodes.Status202Accepted);

    private static string KeyOf(AttemptSession session) =>
        FormattableString.Invariant($"{session.TaskId:N}/{session.Attempt}/{Convert.ToHexString(session.TokenHash)}");

    private async Task DeliverAsync(AttemptSession session)
    {
        await Task.Yield();
        try
        {
            CrashPoints.Hit(CrashPoints.SidecarBeforeRelay);
            var recorded = await relay.DeliverAsync(session, ResultRelay.Envelope(session.Result, []), 0, _drain.Token);
            if (recorded)
            {
                CrashPoints.Hit(CrashPoints.SidecarAfterRelay);
            }
            if (recorded || !_drain.IsCancellationRequested)
            {
                // Recorded, or refused for good: nothing left to deliver.
                spool.Delete(session);
            }
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
