using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Overseer.Contracts.Queues;

namespace Overseer.Worker;

/// <summary>
/// Runs the queue's command for one item: payload on stdin, <c>OVERSEER_ITEM_ID</c> and <c>OVERSEER_ITEM_ATTEMPT</c>
/// in the environment (the Worker's own credential is removed), stdout passed through, stderr passed through with its
/// tail kept as the error. The command is killed (with its children) at the item timeout, when the lease is lost, or
/// when the Worker must stop.
/// </summary>
internal sealed class ItemRunner(WorkerSettings settings, TimeProvider time)
{
    private const int TailChars = 2000;

    public async Task<ItemResult> RunAsync(ClaimedItem item, CancellationToken leaseLost, CancellationToken interrupt)
    {
        var info = new ProcessStartInfo(settings.Command[0])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in settings.Command.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment.Remove("OVERSEER_QUEUE_TOKEN");
        info.Environment["OVERSEER_ITEM_ID"] = item.Id.ToString(CultureInfo.InvariantCulture);
        info.Environment["OVERSEER_ITEM_ATTEMPT"] = item.Attempt.ToString(CultureInfo.InvariantCulture);
        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            return new ItemResult(ItemEnd.NotStartable, null, $"could not start '{settings.Command[0]}': {e.Message}");
        }
        var stdin = FeedAsync(process, item.Payload.GetRawText());
        var tail = new StringBuilder();
        var stderr = PumpAsync(process.StandardError, tail);
        using var timeout = new CancellationTokenSource(settings.ItemTimeout, time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(leaseLost, interrupt, timeout.Token);
        var end = ItemEnd.Exited;
        try
        {
            await process.WaitForExitAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            end = leaseLost.IsCancellationRequested ? ItemEnd.LeaseLost : interrupt.IsCancellationRequested ? ItemEnd.Interrupted : ItemEnd.TimedOut;
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is InvalidOperationException or Win32Exception)
            {
                // It exited meanwhile.
            }
            await process.WaitForExitAsync(CancellationToken.None);
        }
        await Task.WhenAll(stdin, stderr).WaitAsync(TimeSpan.FromSeconds(2), time).ContinueWith(_ => { }, TaskScheduler.Default);
        string? Tail()
        {
            lock (tail)
            {
                var text = tail.ToString().Trim();
                return text.Length == 0 ? null : text;
            }
        }
        return end switch
        {
            ItemEnd.Exited when process.ExitCode == 0 => new ItemResult(end, 0, null),
            ItemEnd.Exited => new ItemResult(end, process.ExitCode, Describe($"exited {process.ExitCode}", Tail())),
            ItemEnd.TimedOut => new ItemResult(end, null, Describe($"timed out after {Duration.Format(settings.ItemTimeout)}", Tail())),
            ItemEnd.LeaseLost => new ItemResult(end, null, "stopped: the lease was lost"),
            _ => new ItemResult(end, null, "stopped: the worker is shutting down"),
        };
    }

    private static string Describe(string what, string? tail) =>
        tail is null ? what : $"{what}: {(tail.Length > TailChars ? "..." + tail[^TailChars..] : tail)}";

    private static async Task FeedAsync(Process process, string payload)
    {
        try
        {
            await using var stdin = process.StandardInput;
            await stdin.WriteAsync(payload);
        }
        catch (IOException)
        {
            // The command exited without reading all of its input: its choice.
        }
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder tail)
    {
        var buffer = new char[4096];
        var errors = Console.Error;
        try
        {
            int read;
            while ((read = await reader.ReadAsync(buffer)) > 0)
            {
                await errors.WriteAsync(buffer.AsMemory(0, read));
                lock (tail)
                {
                    tail.Append(buffer, 0, read);
                    if (tail.Length > TailChars * 2)
                    {
                        tail.Remove(0, tail.Length - TailChars);
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe closed under us.
        }
    }
}
