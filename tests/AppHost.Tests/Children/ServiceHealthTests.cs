using System.Net;
using Overseer.AppHost.Postgres;
using Overseer.Testing;

namespace Overseer.AppHost.Tests.Children;

/// <summary>Every process AppHost can start answers /health/live on its own, and stops when its parent is gone.</summary>
public sealed class ServiceHealthTests
{
    [Theory]
    [InlineData("Dashboard", "Overseer.Dashboard.dll")]
    [InlineData("Sidecar", "Overseer.Sidecar.dll")]
    public async Task Service_starts_and_answers_health_live(string project, string dll)
    {
        var port = FreePort.Pick();
        await using var service = ChildProcess.StartDotnet(RepoPaths.Built(project, dll),
            new Dictionary<string, string?>
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                // Liveness must not depend on the Api being up: point at an address where nothing listens.
                ["services__api__http__0"] = "http://127.0.0.1:9",
                // The Sidecar's proxy on a free port, not 3128, which another proxy on the machine may hold.
                ["Proxy__Port"] = "0",
            });
        using var http = new HttpClient();

        await Eventually.TrueAsync(async () =>
        {
            try
            {
                return (await http.GetAsync($"http://127.0.0.1:{port}/health/live")).StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60), $"{project} healthy");
    }

    [Fact]
    public async Task Service_stops_by_itself_when_the_parent_named_in_OVERSEER_PARENT_PID_is_gone()
    {
        // The service's parent is this test process, so naming any other pid means "my parent is gone".
        await using var service = ChildProcess.StartDotnet(RepoPaths.Built("Sidecar", "Overseer.Sidecar.dll"), new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort.Pick()}",
            ["OVERSEER_PARENT_PID"] = "1",
            ["Proxy__Port"] = "0",
        });

        await service.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains("Parent process 1 is gone", service.Output);
    }
}
