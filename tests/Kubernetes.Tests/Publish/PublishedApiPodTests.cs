using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Overseer.AppHost.Postgres;
using Overseer.Api.Kubernetes.Models;
using Overseer.KubeSim.Hosting;
using Overseer.KubeSim.Kubelet;
using Overseer.KubeSim.Store;
using Overseer.Kubernetes.Tests.Infrastructure;
using Overseer.Testing;

namespace Overseer.Kubernetes.Tests.Publish;

/// <summary>
/// The pod template of the published Api Deployment, run by KubeSim's kubelet with <c>overseer/api</c> mapped to the built Api:
/// its ConfigMap and Secret are created as a user would (the published file, <c>kubectl create secret</c>), and readiness comes
/// from the template's own httpGet probe on <c>/health/ready</c>.
/// </summary>
public sealed class PublishedApiPodTests
{
    private const string AdminToken = "published-pod-admin-token-0123456789";
    private const string ForwardingKey = "published-pod-forwarding-key-0123456789";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Published_Api_pod_starts_in_KubeSim_and_becomes_ready_through_its_readiness_probe()
    {
        using var published = new PublishedApi();
        await using var sim = await StartSimAsync();
        var objects = new SimObjects(sim);
        var ns = published.Namespace;
        var connectionString = await PostgresServer.CreateDatabaseAsync("publishpod");
        var port = FreePort.Pick();
        await objects.Kubectl.OkAsync("create", "-f", published.ConfigMapFile);
        // The Secret publish tells the user to create (keys connection-string, admin-token, forwarding-key, result-master-key). Not `kubectl create secret generic`:
        // kubectl's generators send protobuf, which KubeSim does not read.
        await objects.CreateAsync(SimObjects.Secret(ns, "overseer-secrets",
            new JsonObject
            {
                ["connection-string"] = connectionString, ["admin-token"] = AdminToken, ["forwarding-key"] = ForwardingKey,
                ["result-master-key"] = Convert.ToBase64String(new byte[32]),
            }));

        await objects.CreateAsync(RunnablePod(published, sim, port));
        var waited = await objects.Kubectl.RunAsync("wait", "--for=condition=Ready", "pod/overseer-api-0", "-n", ns, $"--timeout={Wait.TotalSeconds}s");

        var client = sim.Client();
        Assert.True(waited.Exit == 0, $"the pod did not become ready: {waited.Err}\nApi log:\n{await ApiLogAsync(client, ns)}");
        var pod = await client.Pods.GetAsync(ns, "overseer-api-0");
        Assert.Equal("Running", pod.Status!.Phase);
        Assert.True(SimObjects.Is(pod, "ContainersReady"));
        var api = pod.Status.ContainerStatuses!.Single();
        Assert.Equal(("api", true, 0), (api.Name, api.Ready, api.RestartCount));

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        var ready = await http.GetAsync("health/ready", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("api/v1/tasks", TestContext.Current.CancellationToken)).StatusCode);
        // The admin token came from the Secret through secretKeyRef.
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/tasks") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", AdminToken) } };
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode);
        // Executor__Kind=kubernetes from the ConfigMap: the Api works in the cluster (its leader lease lives in the published namespace).
        await Eventually.TrueAsync(() => sim.Cluster.Store.List(ResourceKinds.Leases, ns).Items.Count > 0, TimeSpan.FromSeconds(30),
            "the Api to take its lease in the cluster");
    }

    [Fact]
    public async Task Published_Api_pod_without_its_Secret_stays_unready_in_CreateContainerConfigError()
    {
        using var published = new PublishedApi();
        await using var sim = await StartSimAsync();
        var objects = new SimObjects(sim);
        var ns = published.Namespace;
        var port = FreePort.Pick();
        await objects.Kubectl.OkAsync("create", "-f", published.ConfigMapFile);

        await objects.CreateAsync(RunnablePod(published, sim, port));

        var client = sim.Client();
        Pod pod = null!;
        await Eventually.TrueAsync(async () => (pod = await client.Pods.GetAsync(ns, "overseer-api-0")).Status?.ContainerStatuses?[0].State?.Waiting?.Reason
            == "CreateContainerConfigError", TimeSpan.FromSeconds(30), "the container to report CreateContainerConfigError");
        Assert.Equal("secret \"overseer-secrets\" not found", pod.Status!.ContainerStatuses![0].State!.Waiting!.Message);
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        pod = await client.Pods.GetAsync(ns, "overseer-api-0");
        Assert.False(SimObjects.Is(pod, "Ready"));
        Assert.False(pod.Status!.ContainerStatuses![0].Ready);
        Assert.Null(sim.Cluster.Kubelet.Workers.Single().Containers.Single().Process);
    }

    private static Task<TestSim> StartSimAsync() => TestSim.StartAsync(new KubeSimOptions
    {
        Images = new ImageMap().Add(new ImageMapping("overseer/api", ["dotnet", RepoPaths.Built("Api", "Overseer.Api.dll")])),
    });

    /// <summary>The published pod with the two changes a pod needs to run in KubeSim, checked to be the only ones.</summary>
    private static JsonObject RunnablePod(PublishedApi published, TestSim sim, int port)
    {
        var pod = published.Pod("overseer-api-0");
        var container = pod["spec"]!["containers"]!.AsArray().Single()!.AsObject();
        var http = container["ports"]!.AsArray().Single()!;
        Assert.Equal(("http", 8080L), (http["name"]!.GetValue<string>(), http["containerPort"]!.GetValue<long>()));
        Assert.Equal("8080", published.ConfigMap["data"]!["ASPNETCORE_HTTP_PORTS"]!.GetValue<string>());
        Assert.Equal("http", container["readinessProbe"]!["httpGet"]!["port"]!.GetValue<string>());
        // KubeSim's pods share the host's network, so 8080 may be taken: a free port stands in for it, in the container port (the
        // probes still find it by its name) and in ASPNETCORE_HTTP_PORTS (an env entry wins over the ConfigMap's envFrom, as in Kubernetes).
        http["containerPort"] = port;
        var env = container["env"]!.AsArray();
        env.Add(new JsonObject { ["name"] = "ASPNETCORE_HTTP_PORTS", ["value"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        // KubeSim cannot mount the service-account token at /var/run/secrets/kubernetes.io/serviceaccount, so the in-cluster
        // configuration cannot work: the Api reaches KubeSim through a kubeconfig instead, as the other KubeSim tests do.
        env.Add(new JsonObject { ["name"] = "Kubernetes__Kubeconfig", ["value"] = sim.KubeconfigPath });
        return pod;
    }

    private static async Task<string> ApiLogAsync(Overseer.Api.Kubernetes.KubernetesClient client, string ns)
    {
        try
        {
            return await client.Pods.ReadLogAsync(ns, "overseer-api-0");
        }
        catch (Exception e)
        {
            return $"(no log: {e.Message})";
        }
    }
}
