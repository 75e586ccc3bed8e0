using Overseer.Testing;

namespace Overseer.Chaos.Cluster;

/// <summary>
/// One built .NET service the suite starts, kills and starts again (an Api node, the sidecar): the current process,
/// the output of every earlier one, and starts that may die at an armed crash point.
/// </summary>
public abstract class ChaosProcess(string name, string project, string dll, Action<string> log) : IAsyncDisposable
{
    private ChildProcess? _process;
    private int _starts;

    /// <summary>Name used in the suite's log.</summary>
    public string Name => name;

    /// <summary>The current process id (0 when not started).</summary>
    public int Pid => _process?.Pid ?? 0;

    /// <summary>True while the process runs.</summary>
    public bool IsRunning => _process is { Process.HasExited: false };

    /// <summary>Output of every earlier process, oldest first.</summary>
    public List<string> PastOutput { get; } = [];

    /// <summary>Everything the current process printed.</summary>
    public string Output => _process?.Output ?? "";

    /// <summary>kill -9.</summary>
    public void Kill()
    {
        if (_process is { } p && !p.Process.HasExited)
        {
            p.Process.Kill();
            p.Process.WaitForExit(10_000);
            log($"{Name}: killed (pid {p.Pid})");
        }
    }

    /// <summary>Waits until the process exits by itself (e.g. at a crash point); false on timeout.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout, CancellationToken ct)
    {
        if (_process is null)
        {
            return true;
        }
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            await _process.Process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public virtual async ValueTask DisposeAsync()
    {
        await ForgetProcessAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Starts the process with <paramref name="environment"/> (after a previous one, if any, is gone) and waits until it
    /// listens. Answers false when it died at a crash point first.
    /// </summary>
    protected async Task<bool> StartProcessAsync(IReadOnlyDictionary<string, string?> environment)
    {
        await ForgetProcessAsync();
        _starts++;
        _process = ChildProcess.StartDotnet(RepoPaths.Built(project, dll), environment);
        try
        {
            await _process.WaitForOutputAsync("Now listening on", TimeSpan.FromSeconds(120));
        }
        catch (InvalidOperationException) when (_process.Process.HasExited && _process.Output.Contains("crash point '", StringComparison.Ordinal))
        {
            log($"{Name}: died at a crash point while starting (pid {Pid}, start {_starts})");
            return false;
        }
        log($"{Name}: started (pid {Pid}, start {_starts})");
        return true;
    }

    private async Task ForgetProcessAsync()
    {
        if (_process is { } old)
        {
            PastOutput.Add(old.Output);
            await old.DisposeAsync();
            _process = null;
        }
    }
}
