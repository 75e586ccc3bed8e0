using System.Diagnostics;

namespace Overseer.Api.Execution;

/// <summary>
/// Spans of a task's way through the engine, children of its submission's trace context: <c>dispatch</c> (claimed
/// and handed to the executor) and <c>attempt</c> (one run, as long as it lasts). A task's <c>TRACEPARENT</c> is its
/// attempt's span, so the task's own spans, and the result it posts through the sidecar, join the same trace.
/// </summary>
public static class ExecutionTracing
{
    /// <summary>The activity source (exported under <c>Overseer.*</c>).</summary>
    public static readonly ActivitySource Source = new("Overseer.Api.Execution");

    /// <summary>Starts the <c>dispatch</c> span of <paramref name="attempt"/>; null when nobody listens.</summary>
    public static Activity? Dispatch(ClaimedAttempt attempt) => Start("dispatch", attempt, ActivityKind.Internal);

    /// <summary>Starts the <c>attempt</c> span of <paramref name="attempt"/>; null when nobody listens.</summary>
    public static Activity? Attempt(ClaimedAttempt attempt) => Start("attempt", attempt, ActivityKind.Internal);

    /// <summary>The attempt as handed on under <paramref name="span"/>: its trace parent is that span.</summary>
    public static ClaimedAttempt Under(this ClaimedAttempt attempt, Activity? span) =>
        span is { IdFormat: ActivityIdFormat.W3C } ? attempt with { TraceParent = span.Id } : attempt;

    /// <summary>Marks the span failed when the attempt did not succeed.</summary>
    public static void Outcome(Activity? span, bool succeeded, string reason)
    {
        if (span is null)
        {
            return;
        }
        span.SetTag("overseer.outcome", reason);
        span.SetStatus(succeeded ? ActivityStatusCode.Ok : ActivityStatusCode.Error, succeeded ? null : reason);
    }

    private static Activity? Start(string name, ClaimedAttempt attempt, ActivityKind kind)
    {
        ActivityContext.TryParse(attempt.TraceParent, null, isRemote: true, out var parent);
        var span = Source.StartActivity(name, kind, parent);
        span?.SetTag("overseer.task.id", attempt.Key.TaskId.ToString());
        span?.SetTag("overseer.task.name", attempt.Name);
        span?.SetTag("overseer.attempt", attempt.Key.Attempt);
        return span;
    }
}
