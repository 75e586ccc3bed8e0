using Overseer.Contracts.Tasks;
using Overseer.KubeSim.Store;

namespace Overseer.Kubernetes.Tests.Executor;

/// <summary>The real Sidecar in every job pod: it enrolls, relays the runner's result signed, and nothing else is needed from the spec.</summary>
public sealed class SignedResultsOnKubernetesTests(SignedResultsOnKubernetesTests.RealSidecarApi kube) : IClassFixture<SignedResultsOnKubernetesTests.RealSidecarApi>
{
    /// <summary>The fixture with the Sidecar build in pods.</summary>
    public sealed class RealSidecarApi : KubernetesApi
    {
        /// <inheritdoc />
        protected override bool RealSidecar => true;
    }

    [Fact]
    public async Task Runner_result_posted_to_the_sidecar_is_recorded_as_verified_and_the_job_spec_holds_no_reusable_secret()
    {
        const string post = """
            for i in $(seq 1 100); do
              curl -sf -X POST -H 'Content-Type: application/json' -d '{"answer":42}' "$OVERSEER_RESULT_URL" && exit 0
              sleep 0.2
            done
            exit 9
            """;
        var submitted = await kube.Client.SubmitTaskAsync(new TaskSpec { Name = "signed", Image = "busybox", Command = ["sh", "-c", post] });

        var task = await kube.Client.WaitForTerminalAsync(submitted.Id, TimeSpan.FromSeconds(90));
        await Overseer.Testing.Eventually.TrueAsync(async () => (await kube.Client.GetTaskAsync(submitted.Id)).Attempts.Single().Result is not null,
            TimeSpan.FromSeconds(30), "result relayed");
        var attempt = (await kube.Client.GetTaskAsync(submitted.Id)).Attempts.Single();

        Assert.Equal(TaskState.Succeeded, task.State);
        Assert.Equal(42, attempt.Result!.Value.GetProperty("answer").GetInt32());
        Assert.True(attempt.ResultVerified);
        var job = kube.Sim.Cluster.Store.List(ResourceKinds.Jobs, "default").Items.Single().Node.ToJsonString();
        Assert.DoesNotContain(KubernetesApi.MasterKey, job);
        Assert.DoesNotContain(KubernetesApi.Token, job);
    }
}
