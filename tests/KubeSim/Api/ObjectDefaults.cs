using System.Text.Json.Nodes;
using Overseer.KubeSim.Store;

namespace Overseer.KubeSim.Api;

/// <summary>The defaults the API server fills in on create, for the fields clients and kubectl show.</summary>
public static class ObjectDefaults
{
    /// <summary>Defaults of <paramref name="obj"/> by kind, before validation.</summary>
    public static void Apply(ResourceKind kind, JsonObject obj)
    {
        if (kind == ResourceKinds.Jobs)
        {
            Job(obj);
        }
        else if (kind == ResourceKinds.Pods)
        {
            PodSpec(SimJson.Child(obj, "spec"), "Always");
            var status = SimJson.Child(obj, "status");
            status["phase"] ??= "Pending";
            status["qosClass"] ??= "BestEffort";
        }
        else if (kind == ResourceKinds.Secrets)
        {
            Secret(obj);
        }
    }

    /// <summary>What a Job gets once its uid is known: a selector on it and the matching template labels.</summary>
    public static void JobIdentity(JsonObject job)
    {
        var meta = SimJson.Meta(job);
        var uid = meta["uid"]!.GetValue<string>();
        var name = meta["name"]!.GetValue<string>();
        var spec = SimJson.Child(job, "spec");
        if (spec["manualSelector"]?.GetValue<bool>() != true)
        {
            spec["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["batch.kubernetes.io/controller-uid"] = uid } };
        }
        var labels = SimJson.Child(SimJson.Child(SimJson.Child(spec, "template"), "metadata"), "labels");
        labels["batch.kubernetes.io/controller-uid"] = uid;
        labels["batch.kubernetes.io/job-name"] = name;
        labels["controller-uid"] = uid;
        labels["job-name"] = name;
        if (meta["labels"] is null)
        {
            meta["labels"] = new JsonObject { ["batch.kubernetes.io/job-name"] = name, ["job-name"] = name };
        }
    }

    /// <summary>The API server stores <c>stringData</c> as base64 <c>data</c> (it wins over <c>data</c> for the same key) and never returns it.</summary>
    private static void Secret(JsonObject secret)
    {
        secret["type"] ??= "Opaque";
        if (secret["stringData"] is not JsonObject strings)
        {
            return;
        }
        var data = SimJson.Child(secret, "data");
        foreach (var (key, value) in strings)
        {
            data[key] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(value?.GetValue<string>() ?? ""));
        }
        secret.Remove("stringData");
    }

    private static void Job(JsonObject job)
    {
        var spec = SimJson.Child(job, "spec");
        if (spec["parallelism"] is null && spec["completions"] is null)
        {
            spec["completions"] = 1;
        }
        spec["parallelism"] ??= 1;
        spec["backoffLimit"] ??= 6;
        spec["completionMode"] ??= "NonIndexed";
        spec["suspend"] ??= false;
        spec["podReplacementPolicy"] ??= spec["podFailurePolicy"] is null ? "TerminatingOrFailed" : "Failed";
        var template = SimJson.Child(spec, "template");
        PodSpec(SimJson.Child(template, "spec"), null);
    }

    private static void PodSpec(JsonObject spec, string? restartPolicy)
    {
        if (restartPolicy is not null)
        {
            spec["restartPolicy"] ??= restartPolicy;
        }
        spec["terminationGracePeriodSeconds"] ??= 30;
        spec["dnsPolicy"] ??= "ClusterFirst";
        spec["schedulerName"] ??= "default-scheduler";
        spec["securityContext"] ??= new JsonObject();
        foreach (var list in new[] { "initContainers", "containers" })
        {
            foreach (var container in (spec[list] as JsonArray ?? []).OfType<JsonObject>())
            {
                container["terminationMessagePath"] ??= "/dev/termination-log";
                container["terminationMessagePolicy"] ??= "File";
                container["resources"] ??= new JsonObject();
                var image = SimJson.Str(container, "image") ?? "";
                var tagged = image.Contains(':', StringComparison.Ordinal) && !image.EndsWith(":latest", StringComparison.Ordinal);
                container["imagePullPolicy"] ??= tagged || image.Contains('@', StringComparison.Ordinal) ? "IfNotPresent" : "Always";
            }
        }
    }
}
