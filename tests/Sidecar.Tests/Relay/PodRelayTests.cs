using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Overseer.Sidecar.Tests.Infrastructure;
using Overseer.Testing;

namespace Overseer.Sidecar.Tests.Relay;

/// <summary>Per-pod mode against a fake Api: enrollment, heartbeats, the runner's post, and delivery with files on stop.</summary>
public sealed class PodRelayTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Result_is_held_until_the_runner_terminates_then_delivered_signed_with_the_output_files()
    {
        await using var api = await FakeApi.StartAsync();
        var outDir = TestDirectories.Create("out");
        Directory.CreateDirectory(Path.Combine(outDir, "sub"));
        await File.WriteAllTextAsync(Path.Combine(outDir, "report.txt"), "all good");
        await File.WriteAllTextAsync(Path.Combine(outDir, "sub", "data.csv"), "a,b\n1,2\n");
        await File.WriteAllTextAsync(Path.Combine(outDir, "big.bin"), new string('x', 5000));
        var secret = Path.Combine(TestDirectories.Create("secret"), "token");
        await File.WriteAllTextAsync(secret, "sidecar-only secret");
        File.CreateSymbolicLink(Path.Combine(outDir, "stolen"), secret);
        var taskId = Guid.NewGuid();
        var sidecar = new SidecarApplication(new Dictionary<string, string?>
        {
            ["services:api:http:0"] = api.Url,
            ["Relay:TaskId"] = taskId.ToString(),
            ["Relay:Attempt"] = "3",
            ["Relay:EnrollmentToken"] = api.Token,
            ["Relay:OutDir"] = outDir,
            ["Relay:MaxOutputBytes"] = "1000",
            ["Relay:HeartbeatInterval"] = "00:00:00.200",
        });
        using var http = new HttpClient { BaseAddress = sidecar.RelayAddress };

        await Eventually.TrueAsync(() => api.Heartbeats >= 2, Wait, "heartbeats while the runner lives");
        var posted = await http.PostAsync("/v1/result", new StringContent("""{"rows": 2, "ok": true}""", Encoding.UTF8, "application/json"));
        var again = await http.PostAsync("/v1/result", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Empty(api.Delivered);

        await sidecar.DisposeAsync();

        var enrollment = Assert.Single(api.Enrollments);
        Assert.Equal((taskId, 3, api.Token), (enrollment.TaskId, enrollment.Attempt, enrollment.Token));
        using var envelope = JsonDocument.Parse(Assert.Single(api.Delivered));
        Assert.Equal(2, envelope.RootElement.GetProperty("result").GetProperty("rows").GetInt32());
        var files = envelope.RootElement.GetProperty("files").EnumerateArray()
            .ToDictionary(f => f.GetProperty("path").GetString()!, f => Encoding.UTF8.GetString(Convert.FromBase64String(f.GetProperty("content").GetString()!)));
        Assert.Equal(new Dictionary<string, string> { ["report.txt"] = "all good", ["sub/data.csv"] = "a,b\n1,2\n" }, files);
        Assert.Equal(0, api.BadSignatures);
    }

    [Fact]
    public async Task Runner_posts_are_checked_for_size_and_json()
    {
        await using var api = await FakeApi.StartAsync();
        await using var sidecar = new SidecarApplication(new Dictionary<string, string?>
        {
            ["services:api:http:0"] = api.Url,
            ["Relay:TaskId"] = Guid.NewGuid().ToString(),
            ["Relay:Attempt"] = "1",
            ["Relay:EnrollmentToken"] = api.Token,
            ["Relay:MaxResultBytes"] = "1024",
        });
        using var http = new HttpClient { BaseAddress = sidecar.RelayAddress };

        var large = await http.PostAsync("/v1/result", new StringContent($"\"{new string('a', 2000)}\"", Encoding.UTF8, "application/json"));
        var notJson = await http.PostAsync("/v1/result", new StringContent("{not json", Encoding.UTF8, "application/json"));
        var fine = await http.PostAsJsonAsync("/v1/result", new { ok = true });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, fine.StatusCode);
    }
}
