using System.Net;
using Overseer.Contracts.Client;
using Overseer.Contracts.Queues;

namespace Overseer.Worker;

/// <summary>
/// The claim loop: claim a batch (acking finished items in the same request), run the command once per item, ack
/// on exit 0 and nack with backoff otherwise; extend every held lease in the background; exit when the queue has
/// been empty for the idle timeout. On SIGTERM: stop claiming, let the current item finish within the grace period
/// (else kill it), hand back (release) what was not run, ack what was done, exit 0.
/// </summary>
internal sealed class WorkerService(
    WorkerSettings settings, QueueRuntimeClient client, ItemRunner runner, HeldItems held, WorkerExit exit,
    IHostApplicationLifetime lifetime, TimeProvider time, ILogger<WorkerService> logger) : BackgroundService
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan AckFlushInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxPoll = TimeSpan.FromSeconds(1);
    private readonly Queue<ClaimedItem> _buffer = new();
    private readonly List<LeaseRef> _acks = [];
    private long _lastAckFlush;
    private int _leaseSeconds = 60;
    private int _done;
    private int _failed;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting (and SIGTERM handling be in place) before work begins.
        await Task.Yield();
        try
        {
            exit.Code = await RunAsync(stoppingToken);
        }
        finally
        {
            lifetime.StopApplication();
        }
    }

    private async Task<int> RunAsync(CancellationToken stopping)
    {
        var program = settings.Command[0];
        if (CommandResolver.Resolve(program, Environment.GetEnvironmentVariable("PATH")) is null)
        {
            WorkerLog.CommandNotStartable(logger, program, "not found, or not executable");
            return WorkerExitCodes.CommandNotStartable;
        }
        WorkerLog.Started(logger, settings.Queue, settings.BatchSize, Duration.Format(settings.IdleTimeout), string.Join(' ', settings.Command));
        using var hardStop = new CancellationTokenSource();
        using var onStop = stopping.Register(() => hardStop.CancelAfter(settings.StopGrace));
        using var keeperStop = new CancellationTokenSource();
        var keeper = KeepLeasesAsync(keeperStop.Token);
        try
        {
            return await LoopAsync(stopping, hardStop.Token);
        }
        catch (CredentialRefusedException e)
        {
            WorkerLog.CredentialRefused(logger, e.Status);
            return WorkerExitCodes.CredentialRefused;
        }
        catch (ApiUnreachableException)
        {
            WorkerLog.GaveUp(logger, GiveUpAfter.TotalSeconds);
            return WorkerExitCodes.Failed;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return WorkerExitCodes.Drained;
        }
        finally
        {
            await HandBackAsync();
            await keeperStop.CancelAsync();
            await keeper;
        }
    }

    private async Task<int> LoopAsync(CancellationToken stopping, CancellationToken hardStop)
    {
        var idleSince = time.GetTimestamp();
        var poll = TimeSpan.FromMilliseconds(50);
        while (!stopping.IsCancellationRequested)
        {
            if (_buffer.Count == 0)
            {
                var acks = _acks.ToList();
                var response = await CallAsync(ct => client.ClaimAsync(settings.BatchSize, acks.Count > 0 ? acks : null, ct), hardStop);
                Settle(acks, response.Stale);
                Volatile.Write(ref _leaseSeconds, response.LeaseSeconds);
                foreach (var claimed in response.Items)
                {
                    held.Add(claimed);
                    _buffer.Enqueue(claimed);
                }
                if (response.Items.Count == 0)
                {
                    if (time.GetElapsedTime(idleSince) >= settings.IdleTimeout)
                    {
                        WorkerLog.Idle(logger, settings.Queue, Duration.Format(settings.IdleTimeout), _done, _failed);
                        return WorkerExitCodes.Drained;
                    }
                    await Task.Delay(poll, time, stopping);
                    poll = poll * 2 < MaxPoll ? poll * 2 : MaxPoll;
                    continue;
                }
                poll = TimeSpan.FromMilliseconds(50);
            }
            var item = _buffer.Dequeue();
            if (!held.Holds(item.Id))
            {
                WorkerLog.LeaseLost(logger, item.Id, "before it started");
                held.Remove(item.Id);
                continue;
            }
            if (stopping.IsCancellationRequested)
            {
                _buffer.Enqueue(item);
                break;
            }
            using var announce = stopping.Register(() => WorkerLog.Stopping(logger, item.Id, Duration.Format(settings.StopGrace)));
            var result = await runner.RunAsync(item, held.LostToken(item.Id), hardStop);
            idleSince = time.GetTimestamp();
            if (await SettleAsync(item, result, hardStop) is { } code)
            {
                return code;
            }
        }
        return WorkerExitCodes.Drained;
    }

    /// <summary>Records an item's result; answers an exit code when the Worker must stop.</summary>
    private async Task<int?> SettleAsync(ClaimedItem item, ItemResult result, CancellationToken hardStop)
    {
        var lease = new LeaseRef(item.Id, item.LeaseToken);
        switch (result.End)
        {
            case ItemEnd.Exited when result.Succeeded:
                _done++;
                _acks.Add(lease);
                if (_buffer.Count > 0 && (_acks.Count >= settings.BatchSize || time.GetElapsedTime(_lastAckFlush) >= AckFlushInterval))
                {
                    var acks = _acks.ToList();
                    var response = await CallAsync(ct => client.AckAsync(acks, ct), hardStop);
                    Settle(acks, response.Stale);
                }
                return null;
            case ItemEnd.LeaseLost:
                WorkerLog.LeaseLost(logger, item.Id, "while it ran; the command was stopped");
                held.Remove(item.Id);
                return null;
            case ItemEnd.Interrupted:
                _buffer.Enqueue(item);
                return WorkerExitCodes.Drained;
            case ItemEnd.NotStartable:
                WorkerLog.CommandNotStartable(logger, settings.Command[0], result.Error ?? "");
                _buffer.Enqueue(item);
                return WorkerExitCodes.CommandNotStartable;
            default:
                _failed++;
                var delay = settings.Backoff(item.Attempt);
                WorkerLog.ItemFailed(logger, item.Id, item.Attempt, result.Error ?? "failed", Duration.Format(delay));
                var error = result.Error is { Length: > 4000 } text ? text[..4000] : result.Error;
                await CallAsync(ct => client.NackAsync([new NackItem { Id = item.Id, LeaseToken = item.LeaseToken, RetryInSeconds = delay.TotalSeconds, Error = error }], ct), hardStop);
                held.Remove(item.Id);
                return null;
        }
    }

    private void Settle(List<LeaseRef> sent, IReadOnlyList<long> stale)
    {
        foreach (var lease in sent)
        {
            held.Remove(lease.Id);
        }
        foreach (var id in stale)
        {
            WorkerLog.LeaseLost(logger, id, "its ack was rejected");
        }
        _acks.RemoveAll(a => sent.Contains(a));
        _lastAckFlush = time.GetTimestamp();
    }

    /// <summary>Releases every item not run and acks every item done, so nothing waits for a lease to expire.</summary>
    private async Task HandBackAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5), time);
        var release = _buffer.Where(i => held.Holds(i.Id)).Select(i => new LeaseRef(i.Id, i.LeaseToken)).ToList();
        _buffer.Clear();
        var acks = _acks.ToList();
        try
        {
            if (release.Count > 0)
            {
                await client.ReleaseAsync(release, limit.Token);
            }
            if (acks.Count > 0)
            {
                var response = await client.AckAsync(acks, limit.Token);
                Settle(acks, response.Stale);
            }
            if (release.Count > 0 || acks.Count > 0)
            {
                WorkerLog.Stopped(logger, release.Count, acks.Count);
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or OverseerApiException)
        {
            // The leases expire and the items return by themselves.
            WorkerLog.ApiUnreachable(logger, e.Message, 0);
        }
    }

    private async Task KeepLeasesAsync(CancellationToken ct)
    {
        // Ticks often, extends every third of a lease: the lease length is only known after the first claim.
        var lastExtend = time.GetTimestamp();
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), time, ct);
                var leases = held.Leases();
                if (leases.Count == 0 || time.GetElapsedTime(lastExtend).TotalSeconds < Volatile.Read(ref _leaseSeconds) / 3.0)
                {
                    continue;
                }
                lastExtend = time.GetTimestamp();
                held.MarkLost((await client.ExtendAsync(leases, ct)).Lost);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or OverseerApiException or OperationCanceledException)
            {
                // Retried next round; the main loop reports a refused credential.
            }
        }
    }

    /// <summary>Calls the Api, retrying while it is unreachable (up to a minute); a refused credential stops the Worker.</summary>
    private async Task<T> CallAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                return await call(ct);
            }
            catch (OverseerApiException e) when (e.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
            {
                throw new CredentialRefusedException((int)e.StatusCode);
            }
            catch (Exception e) when (e is HttpRequestException or OverseerApiException { StatusCode: >= HttpStatusCode.InternalServerError }
                or TaskCanceledException && !ct.IsCancellationRequested)
            {
                if (time.GetElapsedTime(started) > GiveUpAfter)
                {
                    throw new ApiUnreachableException();
                }
                WorkerLog.ApiUnreachable(logger, e.Message, delay.TotalMilliseconds);
                await Task.Delay(delay, time, ct);
                delay = delay * 2 < TimeSpan.FromSeconds(5) ? delay * 2 : TimeSpan.FromSeconds(5);
            }
        }
    }

    private sealed class CredentialRefusedException(int status) : Exception($"credential refused ({status})")
    {
        public int Status { get; } = status;
    }

    private sealed class ApiUnreachableException() : Exception("the Api stayed unreachable");
}
