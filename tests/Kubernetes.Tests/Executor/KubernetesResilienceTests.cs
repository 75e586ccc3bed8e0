using Overseer.Contracts.Tasks;
using Overseer.Contracts.Workflows;
using Overseer.KubeSim.Store;
using Overseer.Testing;

namespace Overseer.Kubernetes.Tests.Executor;

/// <summary>Whole-cluster faults and restarts; each test owns its simulator and Api, since the faults touch everything.</summary>
public sealed class KubernetesResilienceTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    private static TaskSpec Sleep(string name, string seconds) => new() { Name = name, Image = "busybox:1.36", Command = ["sleep", seconds] };

    [Fact]
    public async Task Node_lost_while_tasks_run_loses_their_attempts_and_retries_them()
    {
        await using var kube = new KubernetesApi();
        await kube.InitializeAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await kube.Client.SubmitTaskAsync(Sleep($"node-{i}", "3"))).Id);
        }
        await Eventually.TrueAsync(async () => await kube.ScalarAsync("SELECT count(*) FROM attempts WHERE state = 'Running'") == 3, Wait, "three running");

        await kube.Sim.Cluster.LoseNodeAsync();

        foreach (var id in ids)
        {
            var task = await kube.Client.WaitForTerminalAsync(id, Wait);
            Assert.Equal(TaskState.Succeeded, task.State);
            Assert.Equal(AttemptState.Lost, task.Attempts[0].State);
        }
    }

    [Fact]
    public async Task Api_killed_mid_burst_and_restarted_creates_no_duplicate_jobs_and_loses_no_task()
    {
        await using var kube = new KubernetesApi();
        await kube.InitializeAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            ids.Add((await kube.Client.SubmitTaskAsync(Sleep($"burst-{i}", "2"))).Id);
        }
        await Eventually.TrueAsync(async () => await kube.ScalarAsync("SELECT count(*) FROM attempts WHERE state = 'Running'") >= 3, Wait, "tasks running");
        kube.Api.Process.Process.Kill();
        await kube.Api.Process.WaitForExitAsync(TimeSpan.FromSeconds(10));

        var restarted = await kube.StartApiAsync();
        foreach (var id in ids)
        {
            Assert.Equal(TaskState.Succeeded, (await restarted.Client.WaitForTerminalAsync(id, Wait)).State);
        }

        Assert.Equal(0, await kube.ScalarAsync("SELECT count(*) FROM attempts WHERE state IN ('Dispatching', 'Running')"));
        var jobs = kube.Sim.Cluster.Store.List(ResourceKinds.Jobs, "default").Items
            .Select(j => ((string?)j.Node["metadata"]?["labels"]?["overseer.dev/task-id"], (string?)j.Node["metadata"]?["labels"]?["overseer.dev/attempt"])).ToList();
        Assert.Equal(jobs.Count, jobs.Distinct().Count());
        Assert.True(jobs.Count <= await kube.ScalarAsync("SELECT count(*) FROM attempts"), "more Jobs than attempts");
        Assert.Equal(0, await kube.ScalarAsync("""
            SELECT count(*) FROM (SELECT task_id FROM task_transitions WHERE to_state IN ('Succeeded','Failed','TimedOut','Cancelled','Lost','Skipped')
                                  GROUP BY task_id HAVING count(*) <> 1) t
            """));
    }

    [Fact]
    public async Task Tasks_still_finish_correctly_with_api_errors_dropped_responses_watch_drops_and_410s()
    {
        await using var kube = new KubernetesApi();
        await kube.InitializeAsync();
        var faults = kube.Sim.Cluster.Faults;
        faults.TooManyRequestsRate = 0.15;
        faults.InternalErrorRate = 0.1;
        faults.RetryAfterSeconds = 1;
        faults.DropCreateResponses(2);
        var ids = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            ids.Add((await kube.Client.SubmitTaskAsync(new TaskSpec { Name = $"faulty-{i}", Image = "busybox", Command = ["sh", "-c", $"sleep 1; exit {i % 2}"] })).Id);
        }
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(8)))
        {
            while (!cts.IsCancellationRequested)
            {
                kube.Sim.Cluster.DisconnectWatches();
                await Task.Delay(700);
                kube.Sim.Cluster.ForceGone();
                await Task.Delay(700);
            }
        }
        faults.Reset();

        for (var i = 0; i < ids.Count; i++)
        {
            var task = await kube.Client.WaitForTerminalAsync(ids[i], Wait);
            Assert.Equal(i % 2 == 0 ? TaskState.Succeeded : TaskState.Failed, task.State);
        }
        Assert.Equal(0, await kube.ScalarAsync("""
            SELECT count(*) FROM (SELECT task_id, attempt FROM task_transitions WHERE to_state = 'Dispatching'
                                  GROUP BY task_id, attempt HAVING count(*) <> 1) t
            """));
    }

    [Fact]
    public async Task Workflow_runs_end_to_end_as_jobs()
    {
        await using var kube = new KubernetesApi();
        await kube.InitializeAsync();

        var run = await kube.Client.SubmitWorkflowAsync("""
            apiVersion: overseer.dev/v1
            kind: Workflow
            metadata: {name: kubeflow}
            spec:
              groups:
                - name: one
                  parallel: true
                  jobs:
                    - {name: a, image: busybox, command: [sh, -c, "echo a"], parallel: true}
                    - {name: b, image: busybox, command: [sh, -c, "echo b"], parallel: true}
                - name: two
                  jobs:
                    - {name: c, image: busybox, command: [sh, -c, "echo c"]}
            """);
        var done = await kube.Client.WaitForWorkflowAsync(run.Id!.Value, Wait);

        Assert.Equal(WorkflowState.Succeeded, done.State);
        var c = done.Groups[1].Jobs.Single();
        Assert.Equal("c\n", await kube.Client.GetLogsAsync(c.TaskId!.Value));
        Assert.All(done.Groups.SelectMany(g => g.Jobs), j => Assert.Equal(TaskState.Succeeded, j.State));
    }
}
