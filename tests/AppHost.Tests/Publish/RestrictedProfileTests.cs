using System.Text.Json.Nodes;
using Overseer.Testing.PodSecurity;

namespace Overseer.AppHost.Tests.Publish;

/// <summary>The shared Pod Security "restricted" checker (tests/Testing/PodSecurity) finds each control's violations.</summary>
public sealed class RestrictedProfileTests
{
    private const string Compliant = """
        {
          "apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
          "spec": {
            "securityContext": {"runAsNonRoot": true, "runAsUser": 1000, "seccompProfile": {"type": "RuntimeDefault"}},
            "volumes": [{"name": "tmp", "emptyDir": {}}, {"name": "cfg", "configMap": {"name": "c"}}],
            "initContainers": [{"name": "sidecar", "image": "s", "restartPolicy": "Always",
              "securityContext": {"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}}}],
            "containers": [{"name": "runner", "image": "r", "ports": [{"containerPort": 80}],
              "securityContext": {"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"], "add": ["NET_BIND_SERVICE"]}}}]
          }
        }
        """;

    public static TheoryData<string, string, string> Violations => new()
    {
        { "HostProcess", "spec.securityContext.windowsOptions", """{"spec": {"securityContext": {"windowsOptions": {"hostProcess": true}}}}""" },
        { "Host Namespaces", "spec.hostNetwork", """{"spec": {"hostNetwork": true}}""" },
        { "Host Namespaces", "spec.hostPID", """{"spec": {"hostPID": true}}""" },
        { "Privileged Containers", "spec.containers[0](runner).securityContext.privileged", """{"spec": {"containers": [{"securityContext": {"privileged": true}}]}}""" },
        { "Capabilities", "spec.containers[0](runner).securityContext.capabilities.add[1]", """{"spec": {"containers": [{"securityContext": {"capabilities": {"add": ["NET_BIND_SERVICE", "SYS_ADMIN"]}}}]}}""" },
        { "Capabilities", "spec.initContainers[0](sidecar).securityContext.capabilities.drop", """{"spec": {"initContainers": [{"securityContext": {"capabilities": {"drop": ["NET_RAW"]}}}]}}""" },
        { "HostPath Volumes", "spec.volumes[0](tmp)", """{"spec": {"volumes": [{"hostPath": {"path": "/"}}]}}""" },
        { "Volume Types", "spec.volumes[1](cfg)", """{"spec": {"volumes": [{}, {"nfs": {"server": "x", "path": "/"}}]}}""" },
        { "Host Ports", "spec.containers[0](runner).ports[0].hostPort", """{"spec": {"containers": [{"ports": [{"hostPort": 8080}]}]}}""" },
        { "AppArmor", "metadata.annotations[container.apparmor.security.beta.kubernetes.io/runner]", """{"metadata": {"annotations": {"container.apparmor.security.beta.kubernetes.io/runner": "unconfined"}}}""" },
        { "AppArmor", "spec.securityContext.appArmorProfile.type", """{"spec": {"securityContext": {"appArmorProfile": {"type": "Unconfined"}}}}""" },
        { "SELinux", "spec.containers[0](runner).securityContext.seLinuxOptions.type", """{"spec": {"containers": [{"securityContext": {"seLinuxOptions": {"type": "spc_t"}}}]}}""" },
        { "SELinux", "spec.securityContext.seLinuxOptions.user", """{"spec": {"securityContext": {"seLinuxOptions": {"user": "system_u"}}}}""" },
        { "/proc Mount Type", "spec.containers[0](runner).securityContext.procMount", """{"spec": {"containers": [{"securityContext": {"procMount": "Unmasked"}}]}}""" },
        { "Sysctls", "spec.securityContext.sysctls[0]", """{"spec": {"securityContext": {"sysctls": [{"name": "kernel.msgmax", "value": "1"}]}}}""" },
        { "Seccomp", "spec.containers[0](runner).securityContext.seccompProfile.type", """{"spec": {"containers": [{"securityContext": {"seccompProfile": {"type": "Unconfined"}}}]}}""" },
        { "Seccomp", "spec.initContainers[0](sidecar).securityContext.seccompProfile.type", """{"spec": {"securityContext": {"seccompProfile": null}}}""" },
        { "Privilege Escalation", "spec.initContainers[0](sidecar).securityContext.allowPrivilegeEscalation", """{"spec": {"initContainers": [{"securityContext": {"allowPrivilegeEscalation": null}}]}}""" },
        { "Privilege Escalation", "spec.containers[0](runner).securityContext.allowPrivilegeEscalation", """{"spec": {"containers": [{"securityContext": {"allowPrivilegeEscalation": true}}]}}""" },
        { "Running as Non-root", "spec.containers[0](runner).securityContext.runAsNonRoot", """{"spec": {"containers": [{"securityContext": {"runAsNonRoot": false}}]}}""" },
        { "Running as Non-root", "spec.initContainers[0](sidecar).securityContext.runAsNonRoot", """{"spec": {"securityContext": {"runAsNonRoot": null}}}""" },
        { "Running as Non-root user", "spec.securityContext.runAsUser", """{"spec": {"securityContext": {"runAsUser": 0}}}""" },
        { "Running as Non-root user", "spec.containers[0](runner).securityContext.runAsUser", """{"spec": {"containers": [{"securityContext": {"runAsUser": 0}}]}}""" },
    };

    [Fact]
    public void A_compliant_pod_passes()
    {
        Assert.Empty(RestrictedProfile.Check(JsonNode.Parse(Compliant)!));
    }

    [Theory]
    [MemberData(nameof(Violations))]
    public void Each_control_is_checked(string control, string path, string patch)
    {
        var pod = Merge(JsonNode.Parse(Compliant)!, JsonNode.Parse(patch)!);

        var violations = RestrictedProfile.Check(pod);

        Assert.Contains(violations, v => v.Control == control && v.Path == path);
    }

    [Fact]
    public void Pods_inside_workloads_are_found_with_their_path()
    {
        var pod = JsonNode.Parse(Compliant)!;
        pod["spec"]!["hostIPC"] = true;
        var cronJob = new JsonObject
        {
            ["kind"] = "CronJob",
            ["spec"] = new JsonObject { ["jobTemplate"] = new JsonObject { ["spec"] = new JsonObject { ["template"] = new JsonObject { ["spec"] = pod["spec"]!.DeepClone() } } } },
        };

        var violation = Assert.Single(RestrictedProfile.Check(cronJob));

        Assert.Equal("spec.jobTemplate.spec.template.spec.hostIPC", violation.Path);
        Assert.Throws<ArgumentException>(() => RestrictedProfile.Check(new JsonObject { ["kind"] = "ConfigMap" }));
    }

    [Fact]
    public void Windows_pods_are_exempt_from_the_linux_only_controls()
    {
        var pod = JsonNode.Parse("""
            {"kind": "Pod", "spec": {"os": {"name": "windows"}, "securityContext": {"runAsNonRoot": true},
              "containers": [{"name": "w", "image": "w"}]}}
            """)!;

        Assert.Empty(RestrictedProfile.Check(pod));
    }

    /// <summary>Applies a patch in place: objects merge, arrays merge item by item, null removes, anything else replaces.</summary>
    private static JsonNode Merge(JsonNode target, JsonNode patch)
    {
        if (patch is JsonObject patchObject && target is JsonObject targetObject)
        {
            foreach (var (key, value) in patchObject)
            {
                if (value is null)
                {
                    targetObject.Remove(key);
                }
                else if (targetObject[key] is JsonObject or JsonArray && value is JsonObject or JsonArray)
                {
                    Merge(targetObject[key]!, value);
                }
                else
                {
                    targetObject[key] = value.DeepClone();
                }
            }
        }
        else if (patch is JsonArray patchArray && target is JsonArray targetArray)
        {
            for (var i = 0; i < patchArray.Count; i++)
            {
                if (i < targetArray.Count && targetArray[i] is JsonObject or JsonArray && patchArray[i] is JsonObject or JsonArray)
                {
                    Merge(targetArray[i]!, patchArray[i]!);
                }
                else if (i < targetArray.Count)
                {
                    targetArray[i] = patchArray[i]!.DeepClone();
                }
                else
                {
                    targetArray.Add(patchArray[i]!.DeepClone());
                }
            }
        }
        return target;
    }
}
