using System.Net.Http.Headers;
using Overseer.ServiceDefaults.Posix;
using Overseer.AppHost.Postgres;
using Overseer.Contracts.Client;
using Overseer.Contracts.Tasks;
using Overseer.Kubernetes.Tests.Infrastructure;
using Overseer.KubeSim.Hosting;
using Overseer.KubeSim.Kubelet;
using Overseer.KubeSim.Store;
using Overseer.Testing;

namespace Overseer.Kubernetes.Tests.Executor;

/// <summary><c>dotnet run --project AppHost -- --executor kubernetes --kubeconfig FILE</c> against KubeSim.</summary>
public sealed class AppHostKubernetesTests
{
    [Fact]
    public async Task AppHost_with_the_kubernetes_executor_runs_tasks_as_jobs()
    {
        var images = new ImageMap().Add(new ImageMapping("overseer/sidecar", ["sleep", "3600"]));
        await using var sim = await TestSim.StartAsync(new KubeSimOptions { Images = images });
        var dataDir = TestDirectories.Create("apphost-kube");
        var apiPort = FreePort.Pick();
        await using var apphost = ChildProcess.StartDotnet(RepoPaths.Built("AppHost", "Overseer.AppHost.dll"),
            new Dictionary<string, string?> { ["ConnectionStrings__overseer"] = null, ["OVERSEER_ADMIN_TOKEN"] = null, ["Kubernetes__SidecarPorts"] = "unique" },
            ["--data-dir", dataDir, "--api-port", apiPort.ToString(), "--dashboard-port", FreePort.Pick().ToString(),
            "--sidecar-port", FreePort.Pick().ToString(), "--proxy-port", FreePort.Pick().ToString(),
            "--executor", "kubernetes", "--kubeconfig", sim.KubeconfigPath, "--namespace", "jobs", .. AspirePorts.Free()]);
        try
        {
            await apphost.WaitForOutputAsync("Overseer is running (executor: kubernetes)", TimeSpan.FromSeconds(120));
            var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}/") };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(Path.Combine(dataDir, "admin-token")).Trim());
            var client = new OverseerClient(http);

            var task = await client.SubmitTaskAsync(new TaskSpec { Name = "from-apphost", Image = "busybox", Command = ["sh", "-c", "echo in a job"] });
            var done = await client.WaitForTerminalAsync(task.Id, TimeSpan.FromSeconds(60));

            Assert.Equal(TaskState.Succeeded, done.State);
            Assert.Equal("kubernetes", done.Attempts.Single().Executor);
            Assert.Equal("in a job\n", await client.GetLogsAsync(task.Id));
            Assert.Single(sim.Cluster.Store.List(ResourceKinds.Jobs, "jobs").Items);
        }
        finally
        {
            Native.Signal(apphost.Pid, Native.SigTerm);
            await apphost.WaitForExitAsync(TimeSpan.FromSeconds(90));
            TestDirectories.Delete(dataDir);
        }
    }
}
