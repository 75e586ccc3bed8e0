using System.Globalization;
using System.Text.Json.Nodes;
using Overseer.KubeSim.Api;

namespace Overseer.KubeSim.Controllers;

/// <summary>One sync of one Job: its counts and pods as found, what the sync decided, and the status that results.</summary>
internal sealed class JobSync
{
    public JobSync(JsonObject job, List<TrackedPod> pods, DateTimeOffset now, string nowText)
    {
        Job = job;
        Spec = job["spec"] as JsonObject ?? new JsonObject();
        Now = now;
        NowText = nowText;
        var status = job["status"] as JsonObject;
        Conditions = status?["conditions"]?.DeepClone() as JsonArray ?? [];
        var finished = Conditions.FirstOrDefault(c => SimJson.Str(c, "type") is "Complete" or "Failed" && SimJson.Str(c, "status") == "True");
        Finished = finished is not null;
        FinishedBefore = Finished;
        FinishedAt = Parse(SimJson.Str(finished, "lastTransitionTime")) ?? now;
        StartTime = Parse(SimJson.Str(status, "startTime")) ?? now;
        CompletionTime = SimJson.Str(status, "completionTime");
        Succeeded = (int)(SimJson.Int(status, "succeeded") ?? 0);
        Failed = (int)(SimJson.Int(status, "failed") ?? 0);
        foreach (var pod in pods.Where(p => !p.Deleted && SimJson.Str(p.Node["status"], "phase") is not ("Succeeded" or "Failed")))
        {
            if (pod.Node["metadata"]?["deletionTimestamp"] is null)
            {
                Active.Add(pod);
            }
            else
            {
                Terminating++;
            }
        }
        Ready = Active.Count(p => (p.Node["status"]?["conditions"] as JsonArray ?? [])
            .Any(c => SimJson.Str(c, "type") == "Ready" && SimJson.Str(c, "status") == "True"));
    }

    public JsonObject Job { get; }
    public JsonObject Spec { get; }
    public DateTimeOffset Now { get; }
    public string NowText { get; }
    public JsonArray Conditions { get; }
    public bool Finished { get; private set; }

    /// <summary>True when the Job had finished before this sync.</summary>
    public bool FinishedBefore { get; }

    /// <summary>Active pods to delete because this sync failed the Job.</summary>
    public List<TrackedPod> ToDelete { get; } = [];
    public DateTimeOffset FinishedAt { get; }
    public DateTimeOffset StartTime { get; }
    public string? CompletionTime { get; private set; }
    public int Succeeded { get; set; }
    public int Failed { get; set; }
    public List<TrackedPod> Active { get; } = [];
    public int Terminating { get; private set; }
    public int Ready { get; }
    public int Created { get; set; }
    public DateTimeOffset? LastFailure { get; set; }
    public string? FailReason { get; private set; }
    public string? FailMessage { get; private set; }

    /// <summary>Fails the Job (the first reason wins): FailureTarget, then Failed; its active pods are to be deleted.</summary>
    public void Fail(string reason, string message)
    {
        if (Finished || FailReason is not null)
        {
            return;
        }
        (FailReason, FailMessage) = (reason, message);
        Conditions.Add(Condition("FailureTarget", reason, message));
        Conditions.Add(Condition("Failed", reason, message));
        Terminating += Active.Count;
        ToDelete.AddRange(Active);
        Active.Clear();
        Finished = true;
    }

    /// <summary>Completes the Job: SuccessCriteriaMet, then Complete.</summary>
    public void Complete()
    {
        Conditions.Add(Condition("SuccessCriteriaMet", "CompletionsReached", "Reached expected number of succeeded pods"));
        Conditions.Add(Condition("Complete", "CompletionsReached", "Reached expected number of succeeded pods"));
        CompletionTime = NowText;
        Finished = true;
    }

    /// <summary>The status this sync leaves.</summary>
    public JsonObject Status()
    {
        var status = new JsonObject();
        if (Conditions.Count > 0)
        {
            status["conditions"] = Conditions.DeepClone();
        }
        status["startTime"] = StartTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        if (CompletionTime is not null)
        {
            status["completionTime"] = CompletionTime;
        }
        var active = Active.Count + Created;
        if (active > 0)
        {
            status["active"] = active;
        }
        if (Succeeded > 0)
        {
            status["succeeded"] = Succeeded;
        }
        if (Failed > 0)
        {
            status["failed"] = Failed;
        }
        status["ready"] = Ready;
        status["terminating"] = Terminating;
        status["uncountedTerminatedPods"] = new JsonObject();
        return status;
    }

    private JsonObject Condition(string type, string reason, string message) => new()
    {
        ["type"] = type,
        ["status"] = "True",
        ["lastProbeTime"] = NowText,
        ["lastTransitionTime"] = NowText,
        ["reason"] = reason,
        ["message"] = message,
    };

    private static DateTimeOffset? Parse(string? text) =>
        text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}
