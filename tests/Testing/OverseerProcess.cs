using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Overseer.Testing;

/// <summary>
/// A real child process (a built Overseer app run with the dotnet host) whose output lines are collected; disposing
/// asks it to stop with SIGTERM and kills it after a grace period.
/// </summary>
public sealed class OverseerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private OverseerProcess(Process process) => _process = process;

    /// <summary>Every line written to stdout and stderr.</summary>
    public ConcurrentQueue<string> Lines { get; } = new();

    /// <summary>All output so far.</summary>
    public string Output => string.Join('\n', Lines);

    /// <summary>Process id.</summary>
    public int Id => _process.Id;

    /// <summary>Whether it exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts <c>dotnet <paramref name="dll"/> <paramref name="args"/></c> with <paramref name="environment"/> added.</summary>
    public static OverseerProcess Start(string dll, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(Overseer.AppHost.Children.ProjectPaths.DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }
        var process = new Process { StartInfo = info };
        var child = new OverseerProcess(process);
        process.OutputDataReceived += (_, e) => child.Add(e.Data);
        process.ErrorDataReceived += (_, e) => child.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for an output line containing <paramref name="text"/>; answers it.</summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan timeout)
    {
        string? found = null;
        await Eventually.TrueAsync(() =>
        {
            found = Lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            if (found is null && _process.HasExited)
            {
                throw new InvalidOperationException($"process exited ({_process.ExitCode}) before writing '{text}':\n{Output}");
            }
            return found is not null;
        }, timeout, $"output line containing '{text}'");
        return found!;
    }

    /// <summary>The port of the first "Now listening on: http://127.0.0.1:N" line.</summary>
    public async Task<int> ListeningPortAsync(TimeSpan timeout)
    {
        var line = await WaitForLineAsync("Now listening on: http://127.0.0.1:", timeout);
        return new Uri(line[line.IndexOf("http://", StringComparison.Ordinal)..].Trim()).Port;
    }

    /// <summary>Sends SIGTERM (what Kubernetes sends a stopping container).</summary>
    public void Terminate() => _ = Kill(_process.Id, 15);

    /// <summary>Waits for the exit; answers the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Terminate();
            try
            {
                await WaitForExitAsync(TimeSpan.FromSeconds(10));
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            Lines.Enqueue(line);
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
