using System.Diagnostics;

namespace Overseer.AppHost.Postgres;

/// <summary>
/// Whether a container runtime answers, so Aspire's PostgreSQL container can be used. Asked only when the machine has
/// no PostgreSQL binaries: without a runtime that container would sit "Runtime unhealthy" for a minute.
/// </summary>
public static class ContainerRuntime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    /// <summary>The runtime Aspire would use (<c>ASPIRE_CONTAINER_RUNTIME</c>, else docker, else podman) when its daemon answers; else null.</summary>
    public static string? Answering()
    {
        var chosen = Environment.GetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME") ?? Environment.GetEnvironmentVariable("DOTNET_ASPIRE_CONTAINER_RUNTIME");
        foreach (var runtime in chosen is { Length: > 0 } ? [chosen] : new[] { "docker", "podman" })
        {
            if (OnPath(runtime) && Answers(runtime))
            {
                return runtime;
            }
        }
        return null;
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Any(dir => File.Exists(Path.Combine(dir, program)));

    private static bool Answers(string runtime)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(runtime, ["info", "--format", "{{.ServerVersion}}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null)
            {
                return false;
            }
            if (!process.WaitForExit(Patience))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
