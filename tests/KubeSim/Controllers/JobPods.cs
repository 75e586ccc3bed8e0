using System.Text.Json.Nodes;
using Overseer.KubeSim.Api;
using Overseer.KubeSim.Store;

namespace Overseer.KubeSim.Controllers;

/// <summary>Pods made from a Job's template, owned by the Job, named <c>{job}-{random}</c>.</summary>
public static class JobPods
{
    /// <summary>A new pod for <paramref name="job"/>, with defaults applied.</summary>
    public static JsonObject FromTemplate(JsonObject job, string ns, string name, string uid)
    {
        var template = job["spec"]?["template"];
        var meta = new JsonObject
        {
            ["generateName"] = name + "-",
            ["namespace"] = ns,
            ["labels"] = template?["metadata"]?["labels"]?.DeepClone() ?? new JsonObject(),
            ["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = "batch/v1",
                ["kind"] = "Job",
                ["name"] = name,
                ["uid"] = uid,
                ["controller"] = true,
                ["blockOwnerDeletion"] = true,
            }),
        };
        if (template?["metadata"]?["annotations"] is { } annotations)
        {
            meta["annotations"] = annotations.DeepClone();
        }
        var pod = new JsonObject
        {
            ["metadata"] = meta,
            ["spec"] = template?["spec"]?.DeepClone() ?? new JsonObject(),
        };
        ObjectDefaults.Apply(ResourceKinds.Pods, pod);
        return pod;
    }
}
