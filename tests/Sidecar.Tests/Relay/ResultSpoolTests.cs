using System.Net;
using System.Text;
using System.Text.Json;
using Overseer.Sidecar.Tests.Infrastructure;
using Overseer.Testing;

namespace Overseer.Sidecar.Tests.Relay;

/// <summary>Shared mode with a spool: accepted results outlive the sidecar process that accepted them.</summary>
public sealed class ResultSpoolTests : IAsyncLifetime
{
    private readonly string _spool = Path.Combine(TestDirectories.Create("spool-parent"), "spool");
    private FakeApi _api = null!;

    public async ValueTask InitializeAsync() => _api = await FakeApi.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        TestDirectories.Delete(Path.GetDirectoryName(_spool)!);
    }

    private SidecarApplication Sidecar() => new(new Dictionary<string, string?>
    {
        ["services:api:http:0"] = _api.Url,
        ["Relay:SpoolDir"] = _spool,
        ["Relay:RetryInitialDelay"] = "00:00:00.050",
        ["Relay:RetryMaxDelay"] = "00:00:00.200",
        ["Relay:DrainTimeout"] = "00:00:00.500",
    });

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private string[] Spooled() => Directory.GetFiles(_spool, "*.result");

    [Fact]
    public async Task Result_accepted_while_the_api_is_down_is_delivered_by_the_next_sidecar_on_the_same_spool()
    {
        var taskId = Guid.NewGuid();
        _api.FailNext(int.MaxValue);
        await using (var first = Sidecar())
        {
            using var http = new HttpClient { BaseAddress = first.RelayAddress };
            var posted = await http.PostAsync($"/v1/attempts/{taskId}/1/{_api.Token}/result", Json("""{"survives": true}"""));
            Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
            await Eventually.TrueAsync(() => _api.Nonces.Count >= 2, TimeSpan.FromSeconds(10), "deliveries refused by the down Api");
        }
        Assert.Single(Spooled());
        Assert.Empty(_api.Delivered);

        _api.FailNext(0);
        await using var second = Sidecar();

        await Eventually.TrueAsync(() => !_api.Delivered.IsEmpty, TimeSpan.FromSeconds(10), "the spooled result delivered");
        using var delivered = JsonDocument.Parse(Assert.Single(_api.Delivered));
        Assert.True(delivered.RootElement.GetProperty("result").GetProperty("survives").GetBoolean());
        // Both processes enrolled as one instance, so the Api hands the key out again instead of calling it contested.
        Assert.Single(_api.Enrollments.Select(e => e.Instance).Distinct());
        await Eventually.TrueAsync(() => Spooled().Length == 0, TimeSpan.FromSeconds(10), "the delivered result forgotten");
    }

    [Fact]
    public async Task Spool_is_private_to_the_sidecar_user_and_a_repost_of_the_same_result_is_accepted_again()
    {
        var taskId = Guid.NewGuid();
        _api.FailNext(int.MaxValue);
        await using var sidecar = Sidecar();
        using var http = new HttpClient { BaseAddress = sidecar.RelayAddress };

        var first = await http.PostAsync($"/v1/attempts/{taskId}/1/{_api.Token}/result", Json("""{"n": 1}"""));
        var again = await http.PostAsync($"/v1/attempts/{taskId}/1/{_api.Token}/result", Json("""{"n": 1}"""));
        var other = await http.PostAsync($"/v1/attempts/{taskId}/1/{_api.Token}/result", Json("""{"n": 2}"""));

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Conflict), (first.StatusCode, again.StatusCode, other.StatusCode));
        var file = Assert.Single(Spooled());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_spool));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_spool, "instance")));
    }

    [Fact]
    public async Task Unreadable_spool_entry_is_set_aside_and_the_others_are_delivered()
    {
        Directory.CreateDirectory(_spool);
        await File.WriteAllTextAsync(Path.Combine(_spool, "broken.result"), "{ not json");

        await using var sidecar = Sidecar();

        Assert.True(File.Exists(Path.Combine(_spool, "broken.result.bad")));
        Assert.Empty(Spooled());
        Assert.Contains(sidecar.Logs.Lines, l => l.Contains("broken.result is unreadable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sidecar_signs_with_the_apis_clock_when_its_own_is_an_hour_off()
    {
        _api.ClockOffset = TimeSpan.FromHours(1);
        await using var sidecar = Sidecar();
        using var http = new HttpClient { BaseAddress = sidecar.RelayAddress };

        var posted = await http.PostAsync($"/v1/attempts/{Guid.NewGuid()}/1/{_api.Token}/result", Json("""{"late": false}"""));

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        await Eventually.TrueAsync(() => !_api.Delivered.IsEmpty, TimeSpan.FromSeconds(10), "delivered");
        var signedAt = Assert.Single(_api.Timestamps);
        Assert.InRange(signedAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));
        Assert.Contains(sidecar.Logs.Lines, l => l.Contains("The Api's clock is 3600", StringComparison.Ordinal));
    }
}
