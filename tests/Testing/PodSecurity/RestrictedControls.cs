using System.Text.Json.Nodes;
using static Overseer.Testing.PodSecurity.PodJson;

namespace Overseer.Testing.PodSecurity;

/// <summary>The controls "restricted" adds on top of "baseline".</summary>
internal static class RestrictedControls
{
    private static readonly HashSet<string> VolumeTypes =
        ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"];

    public static void Check(JsonObject spec, string path, List<PodSecurityViolation> found)
    {
        void Add(string control, string at, string message) => found.Add(new(control, at, message));

        // Windows pods are exempt from the Linux-only controls (privilege escalation, seccomp, capabilities).
        var windows = Text(spec["os"]?["name"]) == "windows";
        var pod = spec["securityContext"] as JsonObject;

        foreach (var (volume, i) in Items(spec["volumes"]))
        {
            foreach (var source in volume.Select(p => p.Key).Where(k => k != "name" && !VolumeTypes.Contains(k)))
            {
                Add("Volume Types", $"{path}.volumes[{i}]({Text(volume["name"])})", $"'{source}' volumes are not allowed");
            }
        }
        if (IsFalse(pod?["runAsNonRoot"]))
        {
            Add("Running as Non-root", $"{path}.securityContext.runAsNonRoot", "must not be false");
        }
        if (Number(pod?["runAsUser"]) == 0)
        {
            Add("Running as Non-root user", $"{path}.securityContext.runAsUser", "must not be 0");
        }
        var podNonRoot = IsTrue(pod?["runAsNonRoot"]);
        var podSeccomp = Text(pod?["seccompProfile"]?["type"]) is "RuntimeDefault" or "Localhost";

        foreach (var (container, at) in Containers(spec, path))
        {
            var context = container["securityContext"] as JsonObject;
            var contextPath = $"{at}.securityContext";
            if (!windows && !IsFalse(context?["allowPrivilegeEscalation"]))
            {
                Add("Privilege Escalation", $"{contextPath}.allowPrivilegeEscalation", "must be set to false");
            }
            if (IsFalse(context?["runAsNonRoot"]))
            {
                Add("Running as Non-root", $"{contextPath}.runAsNonRoot", "must not be false");
            }
            else if (!podNonRoot && !IsTrue(context?["runAsNonRoot"]))
            {
                Add("Running as Non-root", $"{contextPath}.runAsNonRoot", "must be true here or in the pod's securityContext");
            }
            if (Number(context?["runAsUser"]) == 0)
            {
                Add("Running as Non-root user", $"{contextPath}.runAsUser", "must not be 0");
            }
            if (!windows)
            {
                var own = Text(context?["seccompProfile"]?["type"]);
                if (own is null && !podSeccomp)
                {
                    Add("Seccomp", $"{contextPath}.seccompProfile.type", "must be RuntimeDefault or Localhost here or in the pod's securityContext");
                }
                else if (own is not null and not ("RuntimeDefault" or "Localhost" or "Unconfined"))
                {
                    Add("Seccomp", $"{contextPath}.seccompProfile.type", $"'{own}' must be RuntimeDefault or Localhost");
                }
                if (!BaselineControls.Capabilities(context?["capabilities"]?["drop"]).Any(c => c.Name == "ALL"))
                {
                    Add("Capabilities", $"{contextPath}.capabilities.drop", "must include ALL");
                }
                foreach (var (capability, i) in BaselineControls.Capabilities(context?["capabilities"]?["add"]))
                {
                    if (capability != "NET_BIND_SERVICE")
                    {
                        Add("Capabilities", $"{contextPath}.capabilities.add[{i}]", $"'{capability}': only NET_BIND_SERVICE may be added");
                    }
                }
            }
        }
    }
}
