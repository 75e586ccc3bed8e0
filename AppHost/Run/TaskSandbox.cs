namespace Overseer.AppHost.Run;

/// <summary><c>--task-sandbox</c>: <c>auto</c> takes bubblewrap whenever it is installed; <c>bwrap</c> requires it.</summary>
public static class TaskSandbox
{
    /// <summary>The Api's <c>Executor:Sandbox</c> for <paramref name="option"/> (<c>auto</c>, <c>bwrap</c> or <c>none</c>).</summary>
    public static string Resolve(string option) => option switch
    {
        "none" => "none",
        "bwrap" when Installed => "bwrap",
        "bwrap" => throw new UsageException("--task-sandbox bwrap: bwrap was not found on PATH; install bubblewrap (apt-get install bubblewrap) or pass --task-sandbox none."),
        _ => Installed ? "bwrap" : "none",
    };

    private static bool Installed =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':').Any(dir => File.Exists(Path.Combine(dir, "bwrap")));
}
