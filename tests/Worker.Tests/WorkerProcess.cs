using System.Diagnostics;
using Overseer.Testing;

namespace Overseer.Worker.Tests;

/// <summary>Starts the built Worker (<c>dotnet Overseer.Worker.dll -- command...</c>) against the test Api.</summary>
internal static class WorkerProcess
{
    public static ChildProcess Start(WorkerApiApplication app, string queue, string token, IReadOnlyList<string> command,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var environment = new Dictionary<string, string?>
        {
            ["OVERSEER_API_URL"] = app.BaseAddress.ToString(),
            ["OVERSEER_QUEUE"] = queue,
            ["OVERSEER_QUEUE_TOKEN"] = token,
            ["OVERSEER_IDLE_TIMEOUT"] = "1s",
            ["OVERSEER_RETRY_DELAY"] = "0s",
            ["DOTNET_NOLOGO"] = "1",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[name] = value;
        }
        return ChildProcess.StartDotnet(RepoPaths.Built("Runtimes/Worker", "Overseer.Worker.dll"), environment, ["--", .. command]);
    }

    /// <summary>Sends SIGTERM, as Kubernetes (or the local pool runner) does to stop a pod.</summary>
    public static void Terminate(ChildProcess worker)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", worker.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!;
        kill.WaitForExit();
    }
}
