using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Overseer.Contracts.Signing;
using Overseer.Contracts.Tasks;

namespace Overseer.Api.Tests.Results;

public sealed class EnrollmentTests(ResultsApiApplication app) : IClassFixture<ResultsApiApplication>
{
    [Fact]
    public async Task Token_is_exchanged_once_for_the_attempt_key_and_a_second_instance_makes_the_attempt_contested()
    {
        var task = await app.RunTaskAsync(new TaskSpec { Name = "enroll", Command = ["true"] });
        var token = app.MintToken(task.Id, 1);
        var (sidecar, thief) = (NewInstance(), NewInstance());
        var client = app.CreateClient();

        var first = await client.PostAsJsonAsync(InternalPaths.Enrollments, new EnrollmentRequest(task.Id, 1, token, sidecar));
        var retry = await client.PostAsJsonAsync(InternalPaths.Enrollments, new EnrollmentRequest(task.Id, 1, token, sidecar));
        var recorded = await client.SendAsync(ResultsApiApplication.Signed(InternalPaths.Results, task.Id, 1, ResultsApiApplication.Envelope("1")));
        Assert.True((await app.AdminClient().GetTaskAsync(task.Id)).Attempts[0].ResultVerified);
        var stolen = await client.PostAsJsonAsync(InternalPaths.Enrollments, new EnrollmentRequest(task.Id, 1, token, thief));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var key = (await first.Content.ReadFromJsonAsync<EnrollmentResponse>())!.Key;
        Assert.Equal(Base64Url.Encode(ResultsApiApplication.KeyOf(task.Id, 1)), key);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stolen.StatusCode);
        Assert.False((await app.AdminClient().GetTaskAsync(task.Id)).Attempts[0].ResultVerified);
    }

    [Fact]
    public async Task Results_of_a_contested_attempt_are_refused()
    {
        var task = await app.RunTaskAsync(new TaskSpec { Name = "contested", Command = ["true"] });
        var token = app.MintToken(task.Id, 1);
        var client = app.CreateClient();
        await client.PostAsJsonAsync(InternalPaths.Enrollments, new EnrollmentRequest(task.Id, 1, token, NewInstance()));
        await client.PostAsJsonAsync(InternalPaths.Enrollments, new EnrollmentRequest(task.Id, 1, token, NewInstance()));

        var response = await client.SendAsync(ResultsApiApplication.Signed(InternalPaths.Results, task.Id, 1, ResultsApiApplication.Envelope("1")));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Null((await app.AdminClient().GetTaskAsync(task.Id)).Attempts[0].Result);
    }

    [Fact]
    public async Task Token_of_another_task_or_attempt_is_refused()
    {
        var task = await app.RunTaskAsync(new TaskSpec { Name = "a", Command = ["true"] });
        var other = await app.RunTaskAsync(new TaskSpec { Name = "b", Command = ["true"] });
        var client = app.CreateClient();

        var otherTask = await client.PostAsJsonAsync(InternalPaths.Enrollments, new EnrollmentRequest(task.Id, 1, app.MintToken(other.Id, 1), NewInstance()));
        var otherAttempt = await client.PostAsJsonAsync(InternalPaths.Enrollments, new EnrollmentRequest(task.Id, 1, app.MintToken(task.Id, 2), NewInstance()));
        var garbage = await client.PostAsJsonAsync(InternalPaths.Enrollments, new EnrollmentRequest(task.Id, 1, "ovre_AAAA", NewInstance()));
        var fenced = await client.PostAsJsonAsync(InternalPaths.Enrollments, new EnrollmentRequest(task.Id, 2, app.MintToken(task.Id, 2), NewInstance()));

        Assert.Equal(HttpStatusCode.Unauthorized, otherTask.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherAttempt.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, garbage.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, fenced.StatusCode);
    }

    [Fact]
    public async Task Heartbeats_extend_a_running_attempt_and_are_refused_once_it_ended()
    {
        var submitted = await app.AdminClient().SubmitTaskAsync(new TaskSpec { Name = "beat", Command = ["sleep", "30"] });
        await Overseer.Testing.Eventually.TrueAsync(async () => (await app.AdminClient().GetTaskAsync(submitted.Id)).State == TaskState.Running,
            TimeSpan.FromSeconds(20), "running");
        var client = app.CreateClient();

        var live = await client.SendAsync(ResultsApiApplication.Signed(InternalPaths.Heartbeats, submitted.Id, 1, "{}"));
        await app.AdminClient().CancelTaskAsync(submitted.Id);
        await app.AdminClient().WaitForTerminalAsync(submitted.Id, TimeSpan.FromSeconds(20));
        var ended = await client.SendAsync(ResultsApiApplication.Signed(InternalPaths.Heartbeats, submitted.Id, 1, "{}"));

        Assert.Equal(HttpStatusCode.NoContent, live.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, ended.StatusCode);
    }

    private static string NewInstance() => Base64Url.Encode(RandomNumberGenerator.GetBytes(32));
}
