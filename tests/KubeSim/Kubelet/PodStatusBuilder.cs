using System.Text.Json.Nodes;

namespace Overseer.KubeSim.Kubelet;

/// <summary>Writes a pod's status from the kubelet's view: phase, conditions (keeping ones others own, like DisruptionTarget), container statuses.</summary>
public static class PodStatusBuilder
{
    private static readonly string[] KubeletConditions = ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"];

    /// <summary>Replaces the kubelet-owned parts of <paramref name="pod"/>'s status.</summary>
    public static void Write(JsonObject pod, string phase, bool initialized, IReadOnlyList<ContainerRun> containers, DateTimeOffset startTime,
        string now)
    {
        var status = pod["status"] as JsonObject ?? new JsonObject();
        pod["status"] = status;
        var mains = containers.Where(c => !c.Init).ToList();
        var terminal = phase is "Succeeded" or "Failed";
        var ready = !terminal && mains.All(c => c.Ready) && containers.Where(c => c.Sidecar).All(c => c.Ready);
        var conditions = new JsonArray();
        conditions.Add(Condition("PodReadyToStartContainers", !terminal, null, now));
        conditions.Add(Condition("Initialized", initialized, initialized ? null : "ContainersNotInitialized", now));
        var notReady = terminal ? "PodCompleted" : "ContainersNotReady";
        conditions.Add(Condition("Ready", ready, ready ? null : notReady, now));
        conditions.Add(Condition("ContainersReady", ready, ready ? null : notReady, now));
        conditions.Add(Condition("PodScheduled", true, null, now));
        foreach (var other in (status["conditions"] as JsonArray ?? []).Where(c => !KubeletConditions.Contains(c?["type"]?.GetValue<string>())))
        {
            conditions.Add(other!.DeepClone());
        }
        status["phase"] = phase;
        status["conditions"] = conditions;
        status["hostIP"] = "127.0.0.1";
        status["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = "127.0.0.1" });
        status["podIP"] = "127.0.0.1";
        status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = "127.0.0.1" });
        status["startTime"] = ContainerRun.Time(startTime);
        status["qosClass"] ??= "BestEffort";
        var inits = containers.Where(c => c.Init).ToList();
        if (inits.Count > 0)
        {
            status["initContainerStatuses"] = Statuses(inits);
        }
        status["containerStatuses"] = Statuses(mains);
    }

    private static JsonArray Statuses(IEnumerable<ContainerRun> containers)
    {
        var list = new JsonArray();
        foreach (var c in containers)
        {
            var item = new JsonObject
            {
                ["name"] = c.Name,
                ["image"] = c.Image,
                ["imageID"] = $"kubesim://{c.Image}",
                ["ready"] = c.Ready,
                ["started"] = c.State == "running",
                ["restartCount"] = c.RestartCount,
                ["state"] = c.StateJson(),
                ["lastState"] = c.LastTerminated is null ? new JsonObject() : new JsonObject { ["terminated"] = c.LastTerminated.DeepClone() },
            };
            if (c.Process is not null)
            {
                item["containerID"] = $"kubesim://{c.Process.Pid}";
            }
            list.Add(item);
        }
        return list;
    }

    private static JsonObject Condition(string type, bool value, string? reason, string now)
    {
        var condition = new JsonObject { ["type"] = type, ["status"] = value ? "True" : "False", ["lastProbeTime"] = null, ["lastTransitionTime"] = now };
        if (reason is not null)
        {
            condition["reason"] = reason;
        }
        return condition;
    }
}
