using Overseer.Contracts.Tasks;

namespace Overseer.Kubernetes.Tests.Executor;

/// <summary>Kubernetes API requests per task, counted by the simulator: the executor must not poll.</summary>
public sealed class ApiEconomyTests(KubernetesApi kube) : IClassFixture<KubernetesApi>
{
    [Fact]
    public async Task Each_task_costs_one_create_and_one_log_read_and_nothing_else_per_task()
    {
        const int tasks = 10;
        // The shared watch starts with one list per resource; it is not per task.
        await Overseer.Testing.Eventually.TrueAsync(() => kube.Sim.Cluster.Stats.Count("list", "pods") > 0 && kube.Sim.Cluster.Stats.Count("list", "jobs") > 0,
            TimeSpan.FromSeconds(30), "the executor's watch listed pods and jobs");
        var before = kube.Sim.Cluster.Stats.Counts();
        var ids = new List<Guid>();
        for (var i = 0; i < tasks; i++)
        {
            ids.Add((await kube.Client.SubmitTaskAsync(new TaskSpec { Name = $"eco-{i}", Image = "busybox", Command = ["sh", "-c", "echo done"] })).Id);
        }
        foreach (var id in ids)
        {
            Assert.Equal(TaskState.Succeeded, (await kube.Client.WaitForTerminalAsync(id, TimeSpan.FromSeconds(60))).State);
        }
        await Task.Delay(TimeSpan.FromSeconds(1));

        var after = kube.Sim.Cluster.Stats.Counts();
        long Delta(string verb, string resource) => after.GetValueOrDefault((verb, resource)) - before.GetValueOrDefault((verb, resource));
        var writes = after.Where(c => c.Key.Verb is "create" or "update" or "patch" or "delete" && c.Key.Resource != "leases")
            .Sum(c => c.Value - before.GetValueOrDefault(c.Key));

        Assert.Equal(tasks, Delta("create", "jobs"));
        Assert.True(writes <= 2 * tasks, $"{writes} writes for {tasks} tasks");
        Assert.Equal(tasks, Delta("get", "pods/log"));
        Assert.Equal(0, Delta("get", "pods"));
        Assert.Equal(0, Delta("get", "jobs"));
        Assert.Equal(0, Delta("list", "pods"));
        Assert.Equal(0, Delta("list", "jobs"));
    }
}
