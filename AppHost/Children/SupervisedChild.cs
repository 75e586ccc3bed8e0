using System.Diagnostics;
using Overseer.ServiceDefaults.Posix;

namespace Overseer.AppHost.Children;

/// <summary>
/// Runs one child process, prefixes its output, and restarts it with exponential backoff (1 s up to 30 s) when it
/// exits on its own. Stopping sends SIGTERM, then kills the process tree after a grace period.
/// </summary>
public sealed class SupervisedChild(ChildSpec spec, ConsoleSink sink, Action<int> onStarted, CancellationToken shutdown)
{
    private static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(60);
    private readonly CancellationTokenSource _stopping = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
    private Process? _current;
    private Task _supervision = Task.CompletedTask;

    /// <summary>The child's settings.</summary>
    public ChildSpec Spec => spec;

    /// <summary>Times it was restarted after exiting on its own.</summary>
    public int Restarts { get; private set; }

    /// <summary>Starts the child and keeps it running until <see cref="StopAsync"/>.</summary>
    public void Start() => _supervision = SuperviseAsync();

    /// <summary>Waits until the child answers its health path with 200; false on timeout.</summary>
    public async Task<bool> WaitHealthyAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = spec.Url, Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            try
            {
                using var response = await http.GetAsync(spec.HealthPath, ct);
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                // Not listening yet.
            }
            await Task.Delay(100, ct);
        }
        return false;
    }

    /// <summary>Stops supervising, asks the child to stop (SIGTERM) and kills what is left after the grace period.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        await _stopping.CancelAsync();
        var process = _current;
        if (process is not null && !HasExited(process))
        {
            Native.Signal(process.Id, Native.SigTerm);
            using var timeout = new CancellationTokenSource(grace);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                sink.Line("apphost", $"{spec.Name} did not stop within {grace.TotalSeconds:0}s; killing it");
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
        await _supervision;
    }

    private async Task SuperviseAsync()
    {
        var failures = 0;
        while (!_stopping.IsCancellationRequested)
        {
            var started = Stopwatch.StartNew();
            using var process = Launch();
            _current = process;
            await process.WaitForExitAsync(CancellationToken.None);
            if (_stopping.IsCancellationRequested)
            {
                return;
            }
            failures = started.Elapsed > StableAfter ? 1 : failures + 1;
            var delay = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, failures - 1)));
            sink.Line("apphost", $"{spec.Name} exited with code {process.ExitCode}; restarting in {delay.TotalSeconds:0}s (restart #{Restarts + 1})");
            try
            {
                await Task.Delay(delay, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            Restarts++;
        }
    }

    private Process Launch()
    {
        var info = new ProcessStartInfo(ProjectPaths.DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(spec.Dll)!,
        };
        info.ArgumentList.Add(spec.Dll);
        foreach (var (name, value) in spec.Environment)
        {
            info.Environment[name] = value;
        }
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Forward(e.Data);
        process.ErrorDataReceived += (_, e) => Forward(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        onStarted(process.Id);
        return process;
    }

    private void Forward(string? line)
    {
        if (line is not null)
        {
            sink.Line(spec.Name, line);
        }
    }

    private static bool HasExited(Process process)
    {
        try
        {
            return process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}
