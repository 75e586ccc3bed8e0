using Overseer.Contracts.Tasks;

namespace Overseer.Chaos.Workload;

/// <summary>
/// Task specs of each <see cref="TaskKind"/>. Every runner appends "s ATTEMPT MS" when it starts and "e ATTEMPT MS CODE"
/// before it exits by itself to <c>$CHAOS_MARKERS/$OVERSEER_TASK_ID</c>, so executions can be counted outside the Api.
/// </summary>
public static class TaskScripts
{
    private const string Mark = "echo \"$1 $OVERSEER_ATTEMPT $(date +%s%3N) $2\" >> \"$CHAOS_MARKERS/$OVERSEER_TASK_ID\"";

    // The runner's side of the relay: post until the sidecar answers 2xx (it may be down or restarting), at most ~60 s.
    private const string PostResult = """
        n=0; until curl -sf -o /dev/null --max-time 10 -X POST -H 'Content-Type: application/json' --data "{\"task\":\"$OVERSEER_TASK_ID\",\"attempt\":$OVERSEER_ATTEMPT}" "$OVERSEER_RESULT_URL"; do n=$((n+1)); if [ $n -ge 200 ]; then mark e 4; exit 4; fi; sleep 0.3; done
        """;

    /// <summary>The spec of a task of <paramref name="kind"/>; <paramref name="sleepMs"/> is the Slow kind's sleep.</summary>
    public static TaskSpec Spec(TaskKind kind, int index, string markerDir, int sleepMs, int slowRetries)
    {
        var sleep = (sleepMs / 1000.0).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
        var (body, retries, timeout) = kind switch
        {
            TaskKind.Quick or TaskKind.Probe => ("mark s; mark e 0; exit 0", 0, 60),
            TaskKind.Slow => ($"mark s; sleep {sleep}; mark e 0; exit 0", slowRetries, 60),
            TaskKind.ExitNonZero => ("mark s; mark e 3; exit 3", 1, 60),
            TaskKind.SelfKill => ("mark s; kill -9 $$", 0, 60),
            TaskKind.Hang => ("mark s; sleep 30; mark e 0", 0, 1),
            TaskKind.Reporting => ($"mark s; sleep {sleep}; {PostResult}; mark e 0; exit 0", 0, 90),
            TaskKind.FailThenSlow => ($"mark s; if [ \"$OVERSEER_ATTEMPT\" = 1 ]; then mark e 3; exit 3; fi; sleep {sleep}; mark e 0; exit 0", 1, 60),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        return new TaskSpec
        {
            Name = $"chaos-{kind.ToString().ToLowerInvariant()}-{index}",
            // Recorded and ignored by the local executor; KubeSim's kubelet runs the command as it is.
            Image = "busybox",
            Command = ["sh", "-c", $"mark() {{ {Mark}; }}; {body}"],
            Env = new Dictionary<string, string> { ["CHAOS_MARKERS"] = markerDir },
            Retries = retries,
            TimeoutSeconds = timeout,
            Backoff = new BackoffSpec { InitialSeconds = 0.2, Factor = 1, MaxSeconds = 0.2 },
        };
    }

    /// <summary>Final states a task of <paramref name="kind"/> may reach without anything being wrong.</summary>
    public static IReadOnlySet<TaskState> Expected(TaskKind kind) => kind switch
    {
        TaskKind.ExitNonZero or TaskKind.SelfKill => new HashSet<TaskState> { TaskState.Failed },
        TaskKind.Hang => new HashSet<TaskState> { TaskState.TimedOut },
        _ => new HashSet<TaskState> { TaskState.Succeeded },
    };
}
