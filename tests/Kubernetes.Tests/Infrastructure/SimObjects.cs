using System.Text.Json.Nodes;
using Overseer.Api.Kubernetes.Models;

namespace Overseer.Kubernetes.Tests.Infrastructure;

/// <summary>Objects created in a <see cref="TestSim"/> the way a user creates them (<c>kubectl create -f FILE</c>), and pod readings.</summary>
public sealed class SimObjects(TestSim sim)
{
    /// <summary>kubectl against the simulator's admin kubeconfig.</summary>
    public Kubectl Kubectl { get; } = new(sim.KubeconfigPath, sim.Directory);

    /// <summary>Writes <paramref name="obj"/> to a file and runs <c>kubectl create -f</c> on it.</summary>
    public async Task CreateAsync(JsonObject obj)
    {
        var file = sim.WriteFile($"{obj["kind"]}-{obj["metadata"]?["name"]}-{Guid.NewGuid():N}.json", obj.ToJsonString());
        await Kubectl.OkAsync("create", "-f", file);
    }

    /// <summary>A bare pod of one container.</summary>
    public static JsonObject Pod(string ns, string name, JsonObject container, string restartPolicy = "Never") => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new JsonObject { ["restartPolicy"] = restartPolicy, ["containers"] = new JsonArray(container) },
    };

    /// <summary>An Opaque Secret given by <c>stringData</c>.</summary>
    public static JsonObject Secret(string ns, string name, JsonObject stringData) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Secret",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["stringData"] = stringData,
    };

    /// <summary>The pod's condition of <paramref name="type"/> is True.</summary>
    public static bool Is(Pod pod, string type) => pod.Status?.Conditions?.Any(c => c.Type == type && c.Status == "True") == true;
}
