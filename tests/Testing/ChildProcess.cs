using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace Overseer.Testing;

/// <summary>A process started by a test: its output is captured, and it is killed (whole tree) on dispose.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _lines = new();

    private ChildProcess(Process process) => Process = process;

    /// <summary>The process.</summary>
    public Process Process { get; }

    /// <summary>Process id.</summary>
    public int Pid => Process.Id;

    /// <summary>Everything it printed so far (stdout and stderr, line by line).</summary>
    public string Output => new StringBuilder().AppendJoin('\n', _lines).ToString();

    /// <summary>Starts <c>dotnet &lt;dll&gt; args</c> with extra environment variables.</summary>
    public static ChildProcess StartDotnet(string dll, IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        Start("dotnet", [dll, .. args], environment);

    /// <summary>Starts a program with extra environment variables (null removes one).</summary>
    public static ChildProcess Start(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string?> environment)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }
        var process = new Process { StartInfo = info };
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => child.Add(e.Data);
        process.ErrorDataReceived += (_, e) => child.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits until the output contains <paramref name="text"/>.</summary>
    public Task WaitForOutputAsync(string text, TimeSpan timeout) =>
        Eventually.TrueAsync(() => _lines.Any(l => l.Contains(text, StringComparison.Ordinal)) || Process.HasExited, timeout,
            $"output containing '{text}'").ContinueWith(t =>
            {
                t.GetAwaiter().GetResult();
                if (!_lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
                {
                    throw new InvalidOperationException($"Process exited ({Process.ExitCode}) before printing '{text}'. Output:\n{Output}");
                }
            }, TaskScheduler.Default);

    /// <summary>Waits for exit; answers the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await Process.WaitForExitAsync(cts.Token);
        return Process.ExitCode;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                await Process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        Process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }
}
