using System.Text.Json.Nodes;
using static Overseer.Testing.PodSecurity.PodJson;

namespace Overseer.Testing.PodSecurity;

/// <summary>The controls of the Pod Security Standards' "baseline" profile (which "restricted" includes).</summary>
internal static class BaselineControls
{
    private static readonly HashSet<string> BaselineCapabilities =
    [
        "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE",
        "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
    ];

    private static readonly HashSet<string> SeLinuxTypes = ["", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"];

    private static readonly HashSet<string> SafeSysctls =
    [
        "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies",
        "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
        "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes",
    ];

    public static void Check(JsonObject spec, JsonObject? annotations, string path, List<PodSecurityViolation> found)
    {
        void Add(string control, string at, string message) => found.Add(new(control, at, message));

        var pod = spec["securityContext"] as JsonObject;
        if (IsTrue(pod?["windowsOptions"]?["hostProcess"]))
        {
            Add("HostProcess", $"{path}.securityContext.windowsOptions", "hostProcess must be unset or false");
        }
        foreach (var field in new[] { "hostNetwork", "hostPID", "hostIPC" })
        {
            if (IsTrue(spec[field]))
            {
                Add("Host Namespaces", $"{path}.{field}", "must be unset or false");
            }
        }
        foreach (var (volume, i) in Items(spec["volumes"]))
        {
            if (volume["hostPath"] is not null)
            {
                Add("HostPath Volumes", $"{path}.volumes[{i}]({Text(volume["name"])})", "hostPath volumes are forbidden");
            }
        }
        foreach (var (key, value) in annotations ?? [])
        {
            if (key.StartsWith("container.apparmor.security.beta.kubernetes.io/", StringComparison.Ordinal)
                && Text(value) is { } profile && profile != "runtime/default" && !profile.StartsWith("localhost/", StringComparison.Ordinal))
            {
                Add("AppArmor", $"metadata.annotations[{key}]", $"'{profile}' is not runtime/default or localhost/*");
            }
        }
        if (pod is not null)
        {
            SecurityContext(pod, $"{path}.securityContext", Add);
            foreach (var (sysctl, i) in Items(pod["sysctls"]))
            {
                if (Text(sysctl["name"]) is { } name && !SafeSysctls.Contains(name))
                {
                    Add("Sysctls", $"{path}.securityContext.sysctls[{i}]", $"'{name}' is not in the safe set");
                }
            }
        }
        foreach (var (container, at) in Containers(spec, path))
        {
            var context = container["securityContext"] as JsonObject;
            if (IsTrue(context?["windowsOptions"]?["hostProcess"]))
            {
                Add("HostProcess", $"{at}.securityContext.windowsOptions", "hostProcess must be unset or false");
            }
            if (IsTrue(context?["privileged"]))
            {
                Add("Privileged Containers", $"{at}.securityContext.privileged", "must be unset or false");
            }
            foreach (var (port, i) in Items(container["ports"]))
            {
                if (Number(port["hostPort"]) is { } hostPort and not 0)
                {
                    Add("Host Ports", $"{at}.ports[{i}].hostPort", $"{hostPort}: host ports are forbidden");
                }
            }
            foreach (var (capability, i) in Capabilities(context?["capabilities"]?["add"]))
            {
                if (!BaselineCapabilities.Contains(capability))
                {
                    Add("Capabilities", $"{at}.securityContext.capabilities.add[{i}]", $"'{capability}' is not in the baseline set");
                }
            }
            if (context is not null)
            {
                SecurityContext(context, $"{at}.securityContext", Add);
                if (Text(context["procMount"]) is { } procMount && procMount != "Default")
                {
                    Add("/proc Mount Type", $"{at}.securityContext.procMount", $"'{procMount}' must be Default");
                }
            }
        }
    }

    public static IEnumerable<(string Name, int Index)> Capabilities(JsonNode? list) =>
        (list as JsonArray ?? []).Select((c, i) => (Text(c) ?? "", i));

    /// <summary>Checks shared by pod- and container-level security contexts: AppArmor, SELinux, seccomp not Unconfined.</summary>
    private static void SecurityContext(JsonObject context, string at, Action<string, string, string> add)
    {
        if (Text(context["appArmorProfile"]?["type"]) is { } appArmor && appArmor is not ("RuntimeDefault" or "Localhost"))
        {
            add("AppArmor", $"{at}.appArmorProfile.type", $"'{appArmor}' must be RuntimeDefault or Localhost");
        }
        if (context["seLinuxOptions"] is JsonObject selinux)
        {
            if (Text(selinux["type"]) is { } type && !SeLinuxTypes.Contains(type))
            {
                add("SELinux", $"{at}.seLinuxOptions.type", $"'{type}' is not an allowed container type");
            }
            foreach (var field in new[] { "user", "role" })
            {
                if (Text(selinux[field]) is { Length: > 0 })
                {
                    add("SELinux", $"{at}.seLinuxOptions.{field}", "must be unset");
                }
            }
        }
        if (Text(context["seccompProfile"]?["type"]) == "Unconfined")
        {
            add("Seccomp", $"{at}.seccompProfile.type", "Unconfined is forbidden");
        }
    }
}
