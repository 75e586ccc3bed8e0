using System.ComponentModel;
using System.Diagnostics;

namespace Overseer.KubeSim.Kubelet;

/// <summary>One run of a container as a local process, its output going to a <see cref="ContainerLog"/>.</summary>
public sealed class ContainerProcess : IDisposable
{
    private const string SetSid = "/usr/bin/setsid";

    private readonly Process _process;
    private readonly TimeProvider _time;

    private ContainerProcess(Process process, ContainerLog log, TimeProvider time)
    {
        _process = process;
        _time = time;
        Log = log;
    }

    /// <summary>Its output.</summary>
    public ContainerLog Log { get; }

    /// <summary>Its pid.</summary>
    public int Pid => _process.Id;

    /// <summary>Completes with the exit code (128 + signal when a signal ended it) once the process and its output are done.</summary>
    public Task<int> Exited { get; private set; } = Task.FromResult(0);

    /// <summary>Starts <paramref name="argv"/>; null with the reason when it cannot start (the runtime's StartError).</summary>
    public static (ContainerProcess? Process, string? Error) Start(IReadOnlyList<string> argv, IReadOnlyDictionary<string, string> environment,
        string workingDirectory, TimeProvider time)
    {
        var program = ResolveProgram(argv[0], environment.GetValueOrDefault("PATH") ?? "/usr/bin:/bin");
        if (program is null)
        {
            return (null, argv[0].Contains('/', StringComparison.Ordinal)
                ? $"exec: \"{argv[0]}\": stat {argv[0]}: no such file or directory"
                : $"exec: \"{argv[0]}\": executable file not found in $PATH");
        }
        argv = [program, .. argv.Skip(1)];
        // Each container gets its own session and process group (setsid execs in place: same pid), so stopping a container
        // signals everything it started, as stopping a real container does.
        var start = new ProcessStartInfo(File.Exists(SetSid) ? SetSid : argv[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in File.Exists(SetSid) ? argv : argv.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var log = new ContainerLog();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Append(log, time, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, time, e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            return (null, $"exec: \"{argv[0]}\": {e.Message}");
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var container = new ContainerProcess(process, log, time);
        container.Exited = container.WaitAsync();
        return (container, null);
    }

    /// <summary>Asks the process to stop (SIGTERM), and kills it and its children (SIGKILL) if it has not exited after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (Exited.IsCompleted)
        {
            return;
        }
        Signals.Send(-_process.Id, Signals.SigTerm);
        var finished = await Task.WhenAny(Exited, Task.Delay(grace, _time));
        if (finished != Exited)
        {
            Kill();
        }
        await Exited;
    }

    /// <summary>Kills the process and its children at once (SIGKILL).</summary>
    public void Kill()
    {
        Signals.Send(-_process.Id, Signals.SigKill);
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already exited
        }
    }

    private async Task<int> WaitAsync()
    {
        await _process.WaitForExitAsync();
        Log.Complete();
        return _process.ExitCode;
    }

    private static string? ResolveProgram(string name, string path)
    {
        if (name.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(name) ? name : null;
        }
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries).Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(candidate => File.Exists(candidate) && (File.GetUnixFileMode(candidate) & UnixFileMode.UserExecute) != 0);
    }

    private static void Append(ContainerLog log, TimeProvider time, string? line)
    {
        if (line is not null)
        {
            log.Append(time.GetUtcNow(), line);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _process.Dispose();
}
