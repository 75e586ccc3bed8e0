using System.Text.Json.Nodes;
using Overseer.KubeSim.Api;
using Overseer.KubeSim.Store;

namespace Overseer.KubeSim.Controllers;

/// <summary>
/// Deletion as the API server does it: pods end gracefully (deletionTimestamp, then the kubelet removes them); a Job's pods are
/// orphaned (the batch/v1 default), deleted after it (Background), or before it (Foreground).
/// </summary>
public sealed class Deleter(ObjectStore store)
{
    /// <summary>Deletes an object; returns it as it is after the call (gone, or marked for deletion).</summary>
    public StoredObject Delete(ResourceKind kind, string ns, string name, string? propagation, long? graceSeconds)
    {
        if (kind == ResourceKinds.Pods)
        {
            return DeletePod(ns, name, graceSeconds);
        }
        if (kind == ResourceKinds.Jobs)
        {
            return DeleteJob(ns, name, propagation ?? "Orphan");
        }
        return store.Remove(kind, ns, name) ?? throw SimApiException.NotFound(kind, name);
    }

    /// <summary>Starts a graceful pod deletion (or removes at once: grace 0, or a pod that has finished).</summary>
    public StoredObject DeletePod(string ns, string name, long? graceSeconds)
    {
        var pod = store.Get(ResourceKinds.Pods, ns, name) ?? throw SimApiException.NotFound(ResourceKinds.Pods, name);
        var phase = SimJson.Str(pod.Node["status"], "phase");
        if (graceSeconds == 0 || phase is "Succeeded" or "Failed")
        {
            return store.Remove(ResourceKinds.Pods, ns, name) ?? throw SimApiException.NotFound(ResourceKinds.Pods, name);
        }
        if (pod.Node["metadata"]?["deletionTimestamp"] is not null)
        {
            return pod;
        }
        var grace = graceSeconds ?? SimJson.Int(pod.Node["spec"], "terminationGracePeriodSeconds") ?? 30;
        return store.Mutate(ResourceKinds.Pods, ns, name, p =>
        {
            var meta = SimJson.Meta(p);
            meta["deletionTimestamp"] = store.Time.GetUtcNow().AddSeconds(grace).UtcDateTime
                .ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            meta["deletionGracePeriodSeconds"] = grace;
            return true;
        }) ?? throw SimApiException.NotFound(ResourceKinds.Pods, name);
    }

    private StoredObject DeleteJob(string ns, string name, string propagation)
    {
        var job = store.Get(ResourceKinds.Jobs, ns, name) ?? throw SimApiException.NotFound(ResourceKinds.Jobs, name);
        var uid = job.Uid;
        switch (propagation)
        {
            case "Orphan":
                foreach (var pod in OwnedPods(ns, uid))
                {
                    store.Mutate(ResourceKinds.Pods, ns, pod, p =>
                    {
                        var refs = SimJson.Meta(p)["ownerReferences"] as JsonArray;
                        refs?.RemoveAll(r => SimJson.Str(r, "uid") == uid);
                        return true;
                    });
                }
                break;
            case "Foreground":
                var marked = store.Mutate(ResourceKinds.Jobs, ns, name, j =>
                {
                    var meta = SimJson.Meta(j);
                    meta["deletionTimestamp"] ??= store.Now();
                    meta["deletionGracePeriodSeconds"] ??= 0;
                    var finalizers = SimJson.Array(meta, "finalizers");
                    if (!finalizers.Any(f => f?.GetValue<string>() == "foregroundDeletion"))
                    {
                        finalizers.Add("foregroundDeletion");
                    }
                    return true;
                })!;
                DeleteDependents(ns, uid);
                // The job controller removes the job when its last pod is gone.
                return marked;
        }
        var removed = store.Remove(ResourceKinds.Jobs, ns, name) ?? throw SimApiException.NotFound(ResourceKinds.Jobs, name);
        if (propagation == "Background")
        {
            DeleteDependents(ns, uid);
        }
        return removed;
    }

    /// <summary>The garbage collector's part: deletes every pod owned by <paramref name="ownerUid"/>.</summary>
    public void DeleteDependents(string ns, string ownerUid)
    {
        foreach (var pod in OwnedPods(ns, ownerUid))
        {
            try
            {
                DeletePod(ns, pod, null);
            }
            catch (SimApiException e) when (e.Code == 404)
            {
                // already gone
            }
        }
    }

    /// <summary>Names of the pods whose owner references include <paramref name="ownerUid"/>.</summary>
    public List<string> OwnedPods(string ns, string ownerUid) =>
        [.. store.List(ResourceKinds.Pods, ns, p => IsOwnedBy(p.Node, ownerUid)).Items.Select(p => p.Name)];

    /// <summary>True when <paramref name="obj"/> has an owner reference to <paramref name="ownerUid"/>.</summary>
    public static bool IsOwnedBy(JsonNode obj, string ownerUid) =>
        (obj["metadata"]?["ownerReferences"] as JsonArray ?? []).Any(r => SimJson.Str(r, "uid") == ownerUid);
}
