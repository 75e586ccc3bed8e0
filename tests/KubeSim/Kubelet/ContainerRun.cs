using System.Text.Json.Nodes;

namespace Overseer.KubeSim.Kubelet;

/// <summary>What the kubelet knows about one container of a pod: its spec, its current process and state, its restarts and logs.</summary>
public sealed class ContainerRun(JsonObject spec, bool init)
{
    /// <summary>The container spec.</summary>
    public JsonObject Spec { get; } = spec;

    /// <summary>Its name.</summary>
    public string Name { get; } = spec["name"]?.GetValue<string>() ?? "";

    /// <summary>Its image.</summary>
    public string Image { get; } = spec["image"]?.GetValue<string>() ?? "";

    /// <summary>True for init containers.</summary>
    public bool Init { get; } = init;

    /// <summary>True for native sidecars: init containers with <c>restartPolicy: Always</c>.</summary>
    public bool Sidecar { get; } = init && spec["restartPolicy"]?.GetValue<string>() == "Always";

    /// <summary>The running (or last) process.</summary>
    public ContainerProcess? Process { get; set; }

    /// <summary><c>waiting</c>, <c>running</c> or <c>terminated</c>.</summary>
    public string State { get; set; } = "waiting";

    /// <summary>Reason while waiting, or of the termination.</summary>
    public string? Reason { get; set; }

    /// <summary>Message while waiting, or of the termination.</summary>
    public string? Message { get; set; }

    /// <summary>When the current run started.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>When the current run ended.</summary>
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Exit code of the current run, once terminated.</summary>
    public int ExitCode { get; set; }

    /// <summary>Restarts so far.</summary>
    public int RestartCount { get; set; }

    /// <summary>The previous run's terminated state, after a restart.</summary>
    public JsonObject? LastTerminated { get; set; }

    /// <summary>A reason that overrides the exit code's (<c>OOMKilled</c>) for the current run.</summary>
    public string? ForcedReason { get; set; }

    /// <summary>True once the readiness probe has passed during the current run (and not failed since).</summary>
    public bool ProbeReady { get; set; }

    /// <summary>Ready as the pod status says: running, and its httpGet readiness probe (if it has one) passing.</summary>
    public bool Ready => State == "running" && (ProbeReady || Kubelet.ReadinessProbe.Of(Spec) is null);

    /// <summary>Logs of every run, oldest first.</summary>
    public List<ContainerLog> Logs { get; } = [];

    /// <summary>The state as Kubernetes writes it.</summary>
    public JsonObject StateJson() => State switch
    {
        "running" => new JsonObject { ["running"] = new JsonObject { ["startedAt"] = Time(StartedAt) } },
        "terminated" => new JsonObject { ["terminated"] = TerminatedJson() },
        _ => new JsonObject { ["waiting"] = Waiting() },
    };

    /// <summary>The terminated state of the current run.</summary>
    public JsonObject TerminatedJson()
    {
        var terminated = new JsonObject { ["exitCode"] = ExitCode, ["reason"] = Reason };
        if (ExitCode > 128 && Reason != "StartError")
        {
            terminated["signal"] = ExitCode - 128;
        }
        if (Message is not null)
        {
            terminated["message"] = Message;
        }
        terminated["startedAt"] = Time(StartedAt);
        terminated["finishedAt"] = Time(FinishedAt);
        terminated["containerID"] = Process is null ? null : $"kubesim://{Process.Pid}";
        return terminated;
    }

    private JsonObject Waiting()
    {
        var waiting = new JsonObject { ["reason"] = Reason ?? (Init ? "PodInitializing" : "ContainerCreating") };
        if (Message is not null)
        {
            waiting["message"] = Message;
        }
        return waiting;
    }

    /// <summary>A timestamp as Kubernetes writes it.</summary>
    public static string? Time(DateTimeOffset? at) =>
        at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
