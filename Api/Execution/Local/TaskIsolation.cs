using System.Diagnostics;
using Microsoft.Extensions.Options;
using Overseer.ServiceDefaults.Posix;

namespace Overseer.Api.Execution.Local;

/// <summary>
/// How local task processes are kept away from the manager, decided once at start:
/// <list type="bullet">
/// <item>as root, every task and pool process runs as <see cref="ExecutorOptions.TaskUser"/> through <c>setpriv</c>
/// (its own uid and group, supplementary groups cleared, no new privileges): it cannot read the data dir's secrets,
/// nor <c>/proc/&lt;pid&gt;/environ</c> of the Api, the Sidecar or the AppHost;</item>
/// <item>with <c>Sandbox=bwrap</c>, each process also runs in a bubblewrap sandbox: its own pid namespace (other
/// processes, and their environment, are invisible), a private <c>/tmp</c>, and the hidden paths (the data dir)
/// covered by an empty directory, its own working directory excepted.</item>
/// </list>
/// Without either, tasks run with the Api's own privileges (a developer's laptop): that is said, not hidden.
/// </summary>
public sealed class TaskIsolation
{
    private readonly string[] _hidden;
    private readonly string? _setpriv;
    private readonly string? _bwrap;

    /// <summary>Resolves the task user (creating it when missing) and the sandbox; throws when either cannot be had.</summary>
    public TaskIsolation(IOptions<ExecutorOptions> options, ILogger<TaskIsolation> logger)
    {
        var o = options.Value;
        _hidden = [.. o.SandboxHiddenPaths.Where(p => p.Length > 0).Select(Path.GetFullPath)];
        if (Native.IsRoot)
        {
            _setpriv = Which("setpriv") ?? throw new InvalidOperationException(
                "The Api runs as root, so local tasks must run as an unprivileged user, but setpriv (util-linux) was not found on PATH.");
            User = TaskUsers.FindOrCreate(o.TaskUser);
        }
        if (o.Sandbox == "bwrap")
        {
            _bwrap = Which("bwrap") ?? throw new InvalidOperationException(
                "Executor:Sandbox is bwrap, but bwrap was not found on PATH: install bubblewrap (apt-get install bubblewrap) or set Executor:Sandbox=none.");
        }
        Description = Describe();
        ExecutionLog.Isolation(logger, Description);
    }

    /// <summary>The user tasks run as; null when they run as the Api's own user.</summary>
    public UnixUser? User { get; }

    /// <summary>True when every task process runs in a bubblewrap sandbox.</summary>
    public bool Sandboxed => _bwrap is not null;

    /// <summary>What isolation is in force, in one sentence (logged at start, answered by <c>GET /api/v1/executor</c>).</summary>
    public string Description { get; }

    /// <summary>
    /// Rewrites <paramref name="info"/> so that its program runs isolated in <paramref name="workDir"/>:
    /// <c>[bwrap ... --] [setpriv ... --] program args</c>. The environment is passed through unchanged.
    /// </summary>
    public void Apply(ProcessStartInfo info, string workDir)
    {
        var prefix = new List<string>();
        if (_bwrap is not null)
        {
            prefix.AddRange([_bwrap, "--die-with-parent", "--new-session", "--unshare-pid", "--unshare-ipc",
                "--dev-bind", "/", "/", "--proc", "/proc", "--perms", "1777", "--tmpfs", "/tmp"]);
            foreach (var hidden in _hidden)
            {
                prefix.AddRange(["--tmpfs", hidden]);
            }
            prefix.AddRange(["--bind", workDir, workDir, "--chdir", workDir, "--"]);
        }
        if (User is { } user)
        {
            prefix.AddRange([_setpriv!, $"--reuid={user.Uid}", $"--regid={user.Gid}", "--clear-groups", "--no-new-privs", "--"]);
        }
        if (prefix.Count == 0)
        {
            return;
        }
        var command = new List<string> { info.FileName };
        command.AddRange(info.ArgumentList);
        info.FileName = prefix[0];
        info.ArgumentList.Clear();
        foreach (var argument in prefix.Skip(1).Concat(command))
        {
            info.ArgumentList.Add(argument);
        }
    }

    /// <summary>Hands <paramref name="path"/> (an attempt's working directory) to the task user.</summary>
    public void Own(string path)
    {
        if (User is { } user)
        {
            Native.ChangeOwner(path, user.Uid, user.Gid);
        }
    }

    /// <summary>
    /// Sends <paramref name="signal"/> to the task's own program: through a sandbox, <paramref name="pid"/> is bubblewrap's
    /// monitor, whose child is the namespace's init and whose grandchild the program (a signal to bubblewrap would end
    /// the sandbox at once instead of letting the program stop gracefully).
    /// </summary>
    public bool Signal(int pid, int signal)
    {
        if (_bwrap is not null)
        {
            for (var depth = 0; depth < 2 && OnlyChild(pid) is { } child; depth++)
            {
                pid = child;
            }
        }
        return Native.Signal(pid, signal);
    }

    private string Describe()
    {
        var who = User is { } user
            ? $"tasks run as user {user.Name} (uid {user.Uid}), groups cleared, no new privileges"
            : Native.IsRoot ? "tasks run as root" : "tasks run as the Api's own user (it is not root), with its privileges";
        var sandbox = Sandboxed
            ? "; each in a bwrap sandbox (own pid namespace, private /tmp" + (_hidden.Length > 0 ? ", data dir hidden)" : ")")
            : User is not null ? "; no sandbox: tasks share one uid and can see each other's processes" : "; no sandbox";
        return who + sandbox + ". Egress through the sidecar's proxy is advisory locally (a task can bypass it).";
    }

    private static int? OnlyChild(int pid)
    {
        try
        {
            var children = File.ReadAllText($"/proc/{pid}/task/{pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return children.Length == 1 && int.TryParse(children[0], out var child) ? child : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin").Split(':')
            .Append("/usr/bin").Append("/bin")
            .Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists);
}
