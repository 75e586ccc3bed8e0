using System.Net.Http.Headers;
using Overseer.AppHost.Postgres;
using Overseer.Contracts.Client;
using Overseer.Contracts.Tasks;
using Overseer.ServiceDefaults.Posix;
using Overseer.Testing;

namespace Overseer.AppHost.Tests.Run;

/// <summary>
/// A real AppHost (on these machines: as root) on a fresh data dir, with <c>--task-sandbox</c> <see cref="Sandbox"/>;
/// tasks submitted to it are the attacker's probes. Holds a Secret "evil" whose key links to <c>/etc/shadow</c>.
/// </summary>
public abstract class IsolatedAppHost : IAsyncLifetime
{
    private ChildProcess? _apphost;

    /// <summary>The <c>--task-sandbox</c> value.</summary>
    protected abstract string Sandbox { get; }

    public string DataDir { get; } = TestDirectories.Create("apphost-isolation");

    public OverseerClient Client { get; private set; } = null!;

    public int ApiPort { get; } = FreePort.Pick();

    public int SidecarPort { get; } = FreePort.Pick();

    public string Output => _apphost!.Output;

    public async ValueTask InitializeAsync()
    {
        var evil = Path.Combine(DataDir, "secrets", "evil");
        Directory.CreateDirectory(evil);
        File.CreateSymbolicLink(Path.Combine(evil, "shadow"), "/etc/shadow");
        _apphost = ChildProcess.StartDotnet(RepoPaths.Built("AppHost", "Overseer.AppHost.dll"),
            new Dictionary<string, string?> { ["ConnectionStrings__overseer"] = null, ["OVERSEER_ADMIN_TOKEN"] = null },
            ["--data-dir", DataDir, "--api-port", ApiPort.ToString(), "--dashboard-port", FreePort.Pick().ToString(),
            "--sidecar-port", SidecarPort.ToString(), "--proxy-port", FreePort.Pick().ToString(), "--task-sandbox", Sandbox, .. AspirePorts.Free()]);
        await _apphost.WaitForOutputAsync("Overseer is running", TimeSpan.FromSeconds(120));
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ApiPort}/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(Path.Combine(DataDir, "admin-token")).Trim());
        Client = new OverseerClient(http);
    }

    /// <summary>Pid of an AppHost process (<c>apphost</c>, <c>api</c>, <c>sidecar</c>, <c>postgres</c>, ...) from its pids file.</summary>
    public int Pid(string name) =>
        File.ReadAllLines(Path.Combine(DataDir, "apphost.pids")).Select(l => l.Split(' ')).Last(p => p[0] == name) is var p ? int.Parse(p[1]) : 0;

    /// <summary>Runs <paramref name="script"/> with <c>sh -c</c> as a task; answers the task and its log.</summary>
    public async Task<(TaskDto Task, string Log)> RunAsync(string script, TaskSpec? spec = null)
    {
        var submitted = await Client.SubmitTaskAsync((spec ?? new TaskSpec { Name = "probe" }) with { Command = ["sh", "-c", script] });
        var task = await Client.WaitForTerminalAsync(submitted.Id, TimeSpan.FromSeconds(60));
        return (task, await Client.GetLogsAsync(task.Id));
    }

    public async ValueTask DisposeAsync()
    {
        if (_apphost is not null)
        {
            Native.Signal(_apphost.Pid, Native.SigTerm);
            try
            {
                await _apphost.WaitForExitAsync(TimeSpan.FromSeconds(30));
            }
            catch (OperationCanceledException)
            {
                // Killed below.
            }
            await _apphost.DisposeAsync();
        }
        TestDirectories.Delete(DataDir);
        GC.SuppressFinalize(this);
    }
}

/// <summary>AppHost with <c>--task-sandbox none</c>: only the task user keeps tasks away from the manager.</summary>
public sealed class UnsandboxedAppHost : IsolatedAppHost
{
    protected override string Sandbox => "none";
}

/// <summary>AppHost with <c>--task-sandbox bwrap</c> (the default wherever bubblewrap is installed, as the test script does).</summary>
public sealed class SandboxedAppHost : IsolatedAppHost
{
    protected override string Sandbox => "bwrap";
}
