using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Overseer.Api.StateMachine;
using Overseer.ServiceDefaults.Posix;

namespace Overseer.Api.Execution.Local;

/// <summary>
/// Runs one attempt of a task of kind <c>pool</c> as <c>parallelism</c> child processes (a Kubernetes Job with that
/// parallelism, locally), with the semantics of a work-queue Job: more processes start while the target grows and
/// none has finished yet; the pool ends when all have exited; it succeeds when all exited 0. The first failure, a
/// cancel, the timeout or shutdown stop the others with SIGTERM (they hand back their items) and SIGKILL after the
/// grace period.
/// </summary>
internal sealed class LocalPoolRunner(
    ClaimedAttempt attempt, LiveAttempt live, IPoolProvisioner? pools, LocalProcessFactory processes, AttemptWorkDirs workDirs,
    TaskIsolation isolation, AttemptWriter writer, TimeProvider time, ILogger logger, Action processGone)
{
    private static readonly TimeSpan ScaleCheckInterval = TimeSpan.FromSeconds(1);
    private readonly List<Member> _members = [];
    private string _workDir = "";

    public async Task RunAsync()
    {
        if (pools is null)
        {
            await ReportStartFailedAsync("pool tasks need the queues feature, which is not enabled");
            return;
        }
        PoolLaunch launch;
        try
        {
            launch = await pools.PrepareAsync(attempt, PoolHost.Local, CancellationToken.None);
        }
        catch (PoolUnavailableException e)
        {
            await ReportStartFailedAsync(e.Message);
            return;
        }
        try
        {
            _workDir = workDirs.Create(attempt.Key);
        }
        catch (AttemptStartException e)
        {
            await ReportStartFailedAsync(e.Message);
            return;
        }
        try
        {
            await RunPoolAsync(launch);
        }
        finally
        {
            AttemptWorkDirs.Delete(_workDir);
        }
    }

    private async Task RunPoolAsync(PoolLaunch launch)
    {
        var key = attempt.Key;
        if (Start(launch) is { } problem)
        {
            await ReportStartFailedAsync(problem);
            return;
        }
        var startedAt = time.GetTimestamp();
        live.MarkStarted(startedAt, _members[0].Process.Id);
        writer.ReportStarted(key, startedAt, _members[0].Process.Id);
        var timeoutSeconds = attempt.Spec.TimeoutSeconds ?? 3600;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds), time);
        using var onTimeout = timeout.Token.Register(() => live.Kill(KillReason.Timeout));
        var killed = Task.Delay(Timeout.Infinite, live.KillToken);
        var stopping = false;
        long? killAt = null;
        Member? firstFailure = null;
        while (_members.Any(m => !m.Exited.IsCompleted))
        {
            var tick = Task.Delay(ScaleCheckInterval, time);
            await Task.WhenAny([.. _members.Where(m => !m.Exited.IsCompleted).Select(m => m.Exited), tick, stopping ? tick : killed]);
            firstFailure ??= _members.FirstOrDefault(m => m.Exited.IsCompleted && m.Process.ExitCode != 0);
            if (!stopping && (killed.IsCompleted || firstFailure is not null))
            {
                stopping = true;
                killAt = time.GetTimestamp() + (long)(launch.StopGrace.TotalSeconds * time.TimestampFrequency);
                foreach (var member in _members.Where(m => !m.Exited.IsCompleted))
                {
                    isolation.Signal(member.Process.Id, Native.SigTerm);
                }
            }
            if (stopping && time.GetTimestamp() >= killAt)
            {
                foreach (var member in _members.Where(m => !m.Exited.IsCompleted))
                {
                    KillTree(member.Process);
                }
            }
            if (!stopping && tick.IsCompleted && !_members.Any(m => m.Exited.IsCompleted))
            {
                await GrowAsync(launch);
            }
        }
        // Processes that exited before the loop looked at them count too.
        firstFailure ??= _members.FirstOrDefault(m => m.Process.ExitCode != 0);
        var finishedAt = time.GetTimestamp();
        await DrainAsync();
        processGone();
        var outcome = Outcome(live.KillReason, firstFailure, timeoutSeconds);
        ExecutionLog.AttemptEnded(logger, key, attempt.Name, outcome.Reason);
        await writer.ReportFinishedAsync(key, startedAt, _members[0].Process.Id, outcome, finishedAt, live.Logs);
        foreach (var member in _members)
        {
            member.Process.Dispose();
        }
    }

    private AttemptOutcome Outcome(KillReason reason, Member? failure, int timeoutSeconds) => reason switch
    {
        KillReason.Timeout => AttemptOutcome.TimedOut(timeoutSeconds, failure?.Process.ExitCode),
        KillReason.Cancel => AttemptOutcome.Cancelled(failure?.Process.ExitCode),
        KillReason.Fenced => AttemptOutcome.Lost("stopped: the pool attempt was no longer live"),
        KillReason.Shutdown => AttemptOutcome.Lost("stopped: the executor shut down"),
        _ when failure is not null => AttemptOutcome.Exited(failure.Process.ExitCode) with
        {
            Reason = $"pool process {failure.Index} of {_members.Count} exited {failure.Process.ExitCode}",
        },
        _ => AttemptOutcome.Exited(0) with { Reason = $"all {_members.Count} pool process(es) exited 0" },
    };

    /// <summary>Starts processes up to the launch's parallelism; answers a problem when the first cannot start.</summary>
    private string? Start(PoolLaunch launch)
    {
        for (var i = 0; i < launch.Parallelism; i++)
        {
            if (StartOne(launch) is { } problem && _members.Count == 0)
            {
                return problem;
            }
        }
        return null;
    }

    private async Task GrowAsync(PoolLaunch launch)
    {
        int? target;
        try
        {
            target = await pools!.TargetParallelismAsync(attempt.Key.TaskId, live.KillToken);
        }
        catch (Exception e) when (e is OperationCanceledException or Npgsql.NpgsqlException or TimeoutException)
        {
            return;
        }
        while (target > _members.Count && !live.KillToken.IsCancellationRequested && StartOne(launch) is null)
        {
        }
    }

    private string? StartOne(PoolLaunch launch)
    {
        var index = _members.Count + 1;
        ProcessStartInfo info;
        try
        {
            info = processes.Create(attempt, _workDir, LocalProcessFactory.ChildTraceParent(attempt.TraceParent), [launch.Program, .. launch.Arguments]);
        }
        catch (AttemptStartException e)
        {
            return $"could not start pool process: {e.Message}";
        }
        foreach (var (name, value) in launch.Environment)
        {
            info.Environment[name] = value;
        }
        info.Environment["OVERSEER_POOL_PROCESS"] = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or IOException)
        {
            process.Dispose();
            return $"could not start pool process '{launch.Program}': {e.Message}";
        }
        process.StandardInput.Close();
        var member = new Member(index, process, process.WaitForExitAsync(),
            Task.WhenAll(PumpAsync(process.StandardOutput, 1, index), PumpAsync(process.StandardError, 2, index)));
        _members.Add(member);
        ExecutionLog.AttemptStarted(logger, attempt.Key, $"{attempt.Name}#{index}", process.Id);
        return null;
    }

    private async Task PumpAsync(StreamReader reader, short stream, int index)
    {
        var prefix = $"[{index}] ";
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                live.Logs.Append(stream, Encoding.UTF8.GetBytes(prefix + line + "\n"));
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The pipe closed under us.
        }
    }

    private async Task DrainAsync()
    {
        try
        {
            await Task.WhenAll(_members.Select(m => m.Pumps)).WaitAsync(TimeSpan.FromSeconds(2), time);
        }
        catch (TimeoutException)
        {
            live.Logs.Append(2, "\n[overseer: stopped reading output: a background process kept the pipes open]\n"u8);
        }
    }

    private async Task ReportStartFailedAsync(string reason)
    {
        ExecutionLog.StartFailed(logger, attempt.Key, attempt.Name, reason);
        processGone();
        await writer.ReportFinishedAsync(attempt.Key, null, null, AttemptOutcome.StartFailed(reason), time.GetTimestamp(), live.Logs);
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already exited.
        }
    }

    private sealed record Member(int Index, Process Process, Task Exited, Task Pumps);
}
