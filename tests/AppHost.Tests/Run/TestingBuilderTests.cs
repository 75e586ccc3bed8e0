using System.Net.Http.Headers;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Overseer.AppHost.Postgres;
using Overseer.Contracts.Client;
using Overseer.Contracts.Tasks;
using Overseer.Testing;

namespace Overseer.AppHost.Tests.Run;

/// <summary>The app model under Aspire.Hosting.Testing: the AppHost's own entry point, started and driven in-process.</summary>
public sealed class TestingBuilderTests
{
    [Fact]
    public async Task Task_submitted_over_HTTP_succeeds_under_the_testing_builder()
    {
        var dataDir = TestDirectories.Create("apphost-testing");
        var ct = TestContext.Current.CancellationToken;
        try
        {
            var entryPoint = typeof(Overseer.AppHost.Run.RunCommand).Assembly.EntryPoint!.DeclaringType!;
            var builder = await DistributedApplicationTestingBuilder.CreateAsync(entryPoint,
                ["--data-dir", dataDir, "--api-port", FreePort.Pick().ToString(), "--dashboard-port", FreePort.Pick().ToString(),
                 "--sidecar-port", FreePort.Pick().ToString(), "--proxy-port", FreePort.Pick().ToString(), .. AspirePorts.Free()], ct);
            await using var app = await builder.BuildAsync(ct);
            await app.StartAsync(ct);
            var notifications = app.Services.GetRequiredService<ResourceNotificationService>();
            foreach (var name in new[] { "postgres", "api", "sidecar" })
            {
                await notifications.WaitForResourceHealthyAsync(name, ct).WaitAsync(TimeSpan.FromSeconds(90), ct);
            }

            var http = app.CreateHttpClient("api", "http");
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(Path.Combine(dataDir, "admin-token")).Trim());
            var client = new OverseerClient(http);
            var task = await client.SubmitTaskAsync(new TaskSpec { Name = "testing-builder", Command = ["sh", "-c", "echo via-aspire-testing"] }, ct);
            var done = await client.WaitForTerminalAsync(task.Id, TimeSpan.FromSeconds(60), ct);
            Assert.Equal(TaskState.Succeeded, done.State);
            Assert.Equal("via-aspire-testing\n", await client.GetLogsAsync(task.Id, ct: ct));
            await app.StopAsync(ct);
        }
        finally
        {
            TestDirectories.Delete(dataDir);
        }
    }
}
