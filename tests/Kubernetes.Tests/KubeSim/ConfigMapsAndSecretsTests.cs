using System.Text.Json.Nodes;
using Overseer.Api.Kubernetes.Models;
using Overseer.KubeSim.Store;
using Overseer.Kubernetes.Tests.Infrastructure;
using Overseer.Testing;

namespace Overseer.Kubernetes.Tests.KubeSim;

/// <summary>ConfigMaps and Secrets, and a container's environment read from them (envFrom, configMapKeyRef, secretKeyRef).</summary>
public sealed class ConfigMapsAndSecretsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Env_reads_ConfigMaps_and_Secrets_with_env_winning_over_envFrom()
    {
        await using var sim = await TestSim.StartAsync();
        var objects = new SimObjects(sim);
        var ns = TestSim.NewNamespace();
        await objects.CreateAsync(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = "settings", ["namespace"] = ns },
            ["data"] = new JsonObject { ["A"] = "from-map", ["B"] = "b-value" },
        });
        await objects.CreateAsync(SimObjects.Secret(ns, "creds", new JsonObject { ["TOKEN"] = "s3cret", ["KEY"] = "k" }));
        var container = new JsonObject
        {
            ["name"] = "main",
            ["image"] = "busybox",
            ["command"] = new JsonArray("sh", "-c", "echo \"$A|$P_A|$TOKEN|$ONE|$SKEY|${OPT-unset}|$REF\""),
            ["envFrom"] = new JsonArray(
                new JsonObject { ["configMapRef"] = new JsonObject { ["name"] = "settings" } },
                new JsonObject { ["configMapRef"] = new JsonObject { ["name"] = "settings" }, ["prefix"] = "P_" },
                new JsonObject { ["secretRef"] = new JsonObject { ["name"] = "creds" } }),
            ["env"] = new JsonArray(
                new JsonObject { ["name"] = "A", ["value"] = "literal wins" },
                Ref("ONE", "configMapKeyRef", "settings", "B"),
                Ref("SKEY", "secretKeyRef", "creds", "KEY"),
                Ref("OPT", "secretKeyRef", "absent", "x", optional: true),
                new JsonObject { ["name"] = "REF", ["value"] = "$(TOKEN)-x" }),
        };

        await objects.CreateAsync(SimObjects.Pod(ns, "reader", container));
        var client = sim.Client();
        await Eventually.TrueAsync(async () => (await client.Pods.GetAsync(ns, "reader")).Status?.Phase == "Succeeded", Wait, "the pod to succeed");

        Assert.Equal("literal wins|from-map|s3cret|b-value|k|unset|s3cret-x\n", await client.Pods.ReadLogAsync(ns, "reader"));
        var stored = sim.Cluster.Store.Get(ResourceKinds.Secrets, ns, "creds")!.Node;
        Assert.Equal(Convert.ToBase64String("s3cret"u8.ToArray()), stored["data"]!["TOKEN"]!.GetValue<string>());
        Assert.Null(stored["stringData"]);
        Assert.Contains("settings", await objects.Kubectl.OkAsync("get", "configmaps", "-n", ns));
        var notBase64 = sim.WriteFile("bad-secret.json", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject { ["name"] = "bad", ["namespace"] = ns },
            ["data"] = new JsonObject { ["X"] = "not base64!" },
        }.ToJsonString());
        Assert.Contains("illegal base64 data", (await objects.Kubectl.RunAsync("create", "-f", notBase64)).Err);
    }

    [Fact]
    public async Task A_missing_Secret_ConfigMap_or_key_keeps_the_container_in_CreateContainerConfigError()
    {
        await using var sim = await TestSim.StartAsync();
        var objects = new SimObjects(sim);
        var ns = TestSim.NewNamespace();
        await objects.CreateAsync(SimObjects.Secret(ns, "creds", new JsonObject { ["TOKEN"] = "s3cret" }));
        var cases = new Dictionary<string, JsonObject>
        {
            ["no-secret"] = new() { ["envFrom"] = new JsonArray(new JsonObject { ["secretRef"] = new JsonObject { ["name"] = "absent" } }) },
            ["no-configmap"] = new() { ["env"] = new JsonArray(Ref("X", "configMapKeyRef", "absent", "x")) },
            ["no-key"] = new() { ["env"] = new JsonArray(Ref("X", "secretKeyRef", "creds", "nope")) },
        };
        foreach (var (name, env) in cases)
        {
            env["name"] = "main";
            env["image"] = "busybox";
            env["command"] = new JsonArray("sh", "-c", "echo started");
            await objects.CreateAsync(SimObjects.Pod(ns, name, env));
        }
        var client = sim.Client();

        var messages = new Dictionary<string, string?>();
        foreach (var name in cases.Keys)
        {
            Pod? pod = null;
            await Eventually.TrueAsync(async () => (pod = await client.Pods.GetAsync(ns, name)).Status?.ContainerStatuses?[0].State?.Waiting?.Reason
                == "CreateContainerConfigError", Wait, $"{name} to report CreateContainerConfigError");
            Assert.False(SimObjects.Is(pod!, "Ready"));
            Assert.False(pod!.Status!.ContainerStatuses![0].Ready);
            messages[name] = pod.Status.ContainerStatuses[0].State!.Waiting!.Message;
        }

        Assert.Equal("secret \"absent\" not found", messages["no-secret"]);
        Assert.Equal("configmap \"absent\" not found", messages["no-configmap"]);
        Assert.Equal($"couldn't find key nope in Secret {ns}/creds", messages["no-key"]);
    }

    private static JsonObject Ref(string env, string kind, string name, string key, bool optional = false)
    {
        var reference = new JsonObject { ["name"] = name, ["key"] = key };
        if (optional)
        {
            reference["optional"] = true;
        }
        return new JsonObject { ["name"] = env, ["valueFrom"] = new JsonObject { [kind] = reference } };
    }
}
