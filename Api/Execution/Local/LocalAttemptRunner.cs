using System.ComponentModel;
using System.Diagnostics;
using Overseer.Contracts.Faults;
using Overseer.Api.StateMachine;

namespace Overseer.Api.Execution.Local;

/// <summary>Runs one attempt as a child process: start, capture output, enforce timeout and cancel, report the outcome once.</summary>
internal sealed class LocalAttemptRunner(
    ClaimedAttempt attempt, LiveAttempt live, LocalProcessFactory processes, AttemptWorkDirs workDirs, AttemptWriter writer,
    ExecutorOptions options, TimeProvider time, ILogger logger, Action processGone)
{
    private static readonly TimeSpan PipeDrainLimit = TimeSpan.FromSeconds(2);

    public async Task RunAsync()
    {
        var key = attempt.Key;
        using var span = ExecutionTracing.Attempt(attempt);
        string? ownDir = null;
        try
        {
            ProcessStartInfo info;
            try
            {
                var workDir = attempt.Spec.WorkingDir is { } given
                    ? Directory.Exists(given) ? given : throw new AttemptStartException($"working directory '{given}' does not exist")
                    : ownDir = workDirs.Create(key);
                info = processes.Create(attempt, workDir, span?.Id ?? LocalProcessFactory.ChildTraceParent(attempt.TraceParent));
            }
            catch (AttemptStartException e)
            {
                await ReportStartFailedAsync(e.Message);
                return;
            }
            using var process = new Process { StartInfo = info };
            try
            {
                process.Start();
            }
            catch (Exception e) when (e is Win32Exception or InvalidOperationException or IOException)
            {
                await ReportStartFailedAsync($"could not start '{LocalProcessFactory.Program(attempt.Spec)}': {e.Message}");
                return;
            }
            CrashPoints.Hit(CrashPoints.AfterJobCreate);
            var startedAt = time.GetTimestamp();
            var pid = process.Id;
            live.MarkStarted(startedAt, pid);
            process.StandardInput.Close();
            var pumps = Task.WhenAll(PumpAsync(process.StandardOutput.BaseStream, 1), PumpAsync(process.StandardError.BaseStream, 2));
            var exited = process.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(attempt.Spec.TimeoutSeconds ?? 180), time);
            using var onTimeout = timeout.Token.Register(() => live.Kill(KillReason.Timeout));
            var killed = Task.Delay(Timeout.Infinite, live.KillToken);

            var startReport = Task.Delay(options.StartReportDelay, time);
            if (await Task.WhenAny(exited, startReport, killed) != exited)
            {
                writer.ReportStarted(key, startedAt, pid);
            }
            var first = await Task.WhenAny(exited, killed);
            var reason = first == exited ? KillReason.None : live.KillReason;
            if (reason != KillReason.None)
            {
                KillTree(process);
                await exited;
            }
            var finishedAt = time.GetTimestamp();
            await DrainAsync(pumps);
            processGone();
            var outcome = reason switch
            {
                KillReason.Timeout => AttemptOutcome.TimedOut(attempt.Spec.TimeoutSeconds ?? 180, process.ExitCode),
                KillReason.Cancel => AttemptOutcome.Cancelled(process.ExitCode),
                KillReason.Fenced => AttemptOutcome.Lost("stopped: the attempt was no longer live"),
                KillReason.Shutdown => AttemptOutcome.Lost("stopped: the executor shut down"),
                _ => AttemptOutcome.Exited(process.ExitCode),
            };
            ExecutionLog.AttemptEnded(logger, key, attempt.Name, outcome.Reason);
            ExecutionTracing.Outcome(span, reason == KillReason.None && process.ExitCode == 0, outcome.Reason);
            await writer.ReportFinishedAsync(key, startedAt, pid, outcome, finishedAt, live.Logs);
        }
        finally
        {
            if (ownDir is not null)
            {
                AttemptWorkDirs.Delete(ownDir);
            }
        }
    }

    private async Task ReportStartFailedAsync(string reason)
    {
        ExecutionLog.StartFailed(logger, attempt.Key, attempt.Name, reason);
        await writer.ReportFinishedAsync(attempt.Key, null, null, AttemptOutcome.StartFailed(reason), time.GetTimestamp(), live.Logs);
    }

    private async Task PumpAsync(Stream stream, short streamId)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                live.Logs.Append(streamId, buffer.AsSpan(0, read));
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The pipe closed under us (process gone, or we stopped waiting for an escaped grandchild).
        }
    }

    private async Task DrainAsync(Task pumps)
    {
        try
        {
            // A grandchild that escaped the process tree can hold the pipes open: don't wait for it forever.
            await pumps.WaitAsync(PipeDrainLimit, time);
        }
        catch (TimeoutException)
        {
            live.Logs.Append(2, "\n[overseer: stopped reading output: a background process kept the pipes open]\n"u8);
        }
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
}
