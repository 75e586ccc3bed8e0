using System.Diagnostics;
using System.Text.Json;
using Overseer.Kubernetes.Tests.Infrastructure;
using Overseer.Testing;

namespace Overseer.Kubernetes.Tests.KubeSim;

/// <summary>KubeSim as its own process (as <c>dotnet run --project tests/KubeSim</c> runs it), driven by kubectl, admin endpoints included.</summary>
public sealed class StandaloneProcessTests : IDisposable
{
    private readonly string _dir = TestDirectories.Create("kubesim-exe");

    [Fact]
    public async Task Runs_until_stopped_with_token_auth_stats_and_fault_switches()
    {
        var kubeconfig = Path.Combine(_dir, "kubeconfig");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Overseer.KubeSim.dll"), "--port", "0", "--kubeconfig-out", kubeconfig, "--token-auth", "--namespace", "sim" })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        try
        {
            var banner = await ReadBannerAsync(process.StandardOutput).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            Assert.StartsWith("KubeSim listening on https://127.0.0.1:", banner);
            Assert.Contains("(token auth)", banner);
            Assert.Contains("token: ", await File.ReadAllTextAsync(kubeconfig, TestContext.Current.CancellationToken));
            var kubectl = new Kubectl(kubeconfig, _dir);

            Assert.Contains("No resources found in sim namespace", (await kubectl.RunAsync("get", "pods")).Err);
            var faults = Path.Combine(_dir, "faults.json");
            await File.WriteAllTextAsync(faults, """{"failNext":{"count":1,"code":500}}""", TestContext.Current.CancellationToken);
            await kubectl.OkAsync("create", "--raw", "/_sim/faults", "-f", faults);
            var failed = await kubectl.RunAsync("get", "jobs");
            Assert.NotEqual(0, failed.Exit);
            Assert.Contains("injected by KubeSim", failed.Err);
            using var stats = JsonDocument.Parse(await kubectl.OkAsync("get", "--raw", "/_sim/stats"));
            var requests = stats.RootElement.GetProperty("requests").EnumerateArray()
                .ToDictionary(r => $"{r.GetProperty("verb").GetString()} {r.GetProperty("resource").GetString()}", r => r.GetProperty("count").GetInt64());
            Assert.Equal(1, requests["list pods"]);
            Assert.Equal(1, requests["list jobs"]);
            Assert.Contains("\"code\":500", await kubectl.OkAsync("get", "--raw", "/_sim/requests"));

            using var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task Bad_option_prints_usage_and_exits_2()
    {
        using var process = Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Overseer.KubeSim.dll"), "--bogus"])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("unknown option --bogus", error);
        Assert.Contains("usage: kubesim --port N --kubeconfig-out FILE", error);
    }

    private static async Task<string?> ReadBannerAsync(StreamReader output)
    {
        while (await output.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
        {
            if (line.StartsWith("KubeSim", StringComparison.Ordinal))
            {
                return line;
            }
        }
        return null;
    }

    public void Dispose() => TestDirectories.Delete(_dir);
}
