using System.Text.Json.Nodes;

namespace Overseer.Testing.PodSecurity;

/// <summary>
/// Checks pods against the Pod Security Standards "restricted" profile (which includes "baseline"), as listed on
/// kubernetes.io/docs/concepts/security/pod-security-standards. Works on JSON trees, so it serves manifests read from
/// YAML as well as Job specs an executor builds. An empty answer means the pod would be admitted by a namespace
/// labelled <c>pod-security.kubernetes.io/enforce: restricted</c>.
/// </summary>
public static class RestrictedProfile
{
    /// <summary>Checks the pod inside a Pod, PodTemplate, Deployment, ReplicaSet, StatefulSet, DaemonSet, Job or CronJob.</summary>
    public static IReadOnlyList<PodSecurityViolation> Check(JsonNode obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var found = PodSpecs.Find(obj)
            ?? throw new ArgumentException($"{obj["kind"]} '{obj["metadata"]?["name"]}' carries no pod spec", nameof(obj));
        return CheckPodSpec(found.Spec, found.Annotations, found.Path);
    }

    /// <summary>Checks a bare pod spec; <paramref name="annotations"/> are the pod's (for AppArmor annotations).</summary>
    public static IReadOnlyList<PodSecurityViolation> CheckPodSpec(JsonObject spec, JsonObject? annotations = null, string path = "spec")
    {
        ArgumentNullException.ThrowIfNull(spec);
        var found = new List<PodSecurityViolation>();
        BaselineControls.Check(spec, annotations, path, found);
        RestrictedControls.Check(spec, path, found);
        return found;
    }
}
