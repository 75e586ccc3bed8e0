using System.Diagnostics;
using Overseer.Api.Kubernetes.Transport;
using Overseer.Kubernetes.Tests.Infrastructure;
using Overseer.Testing;

namespace Overseer.Kubernetes.Tests.Transport;

/// <summary>The client-side token bucket, on a manual clock and against KubeSim in real time.</summary>
public sealed class RateLimiterTests
{
    [Fact]
    public async Task Burst_goes_at_once_then_tokens_come_at_the_rate()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var limiter = new TokenBucketRateLimiter(qps: 10, burst: 3, time);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(TimeSpan.Zero, await limiter.AcquireAsync(CancellationToken.None));
        }
        var fourth = limiter.AcquireAsync(CancellationToken.None).AsTask();
        var fifth = limiter.AcquireAsync(CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(fourth.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(TimeSpan.FromMilliseconds(100), await fourth);
        Assert.False(fifth.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(TimeSpan.FromMilliseconds(200), await fifth);
    }

    [Fact]
    public async Task Cancelled_wait_gives_its_token_back()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var limiter = new TokenBucketRateLimiter(qps: 1, burst: 1, time);
        await limiter.AcquireAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = limiter.AcquireAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.Zero, await limiter.AcquireAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Client_holds_its_qps_against_the_server()
    {
        await using var sim = await TestSim.StartAsync();
        var options = TestSim.FastOptions();
        options.Qps = 20;
        options.Burst = 5;
        var client = sim.Client(options);
        const int requests = 45;

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
        {
            for (var i = 0; i < requests / 3; i++)
            {
                await client.Leases.ListAsync("default");
            }
        }));
        clock.Stop();

        // 5 go at once, the other 40 at 20 per second: at least 2 s.
        Assert.InRange(clock.Elapsed.TotalSeconds, 1.95, 10);
        var served = sim.Cluster.Stats.Recent().Where(r => r.Resource == "leases").Select(r => r.At).Order().ToList();
        Assert.Equal(requests, served.Count);
        for (var i = 0; i < served.Count; i++)
        {
            var inOneSecond = served.Skip(i).TakeWhile(t => t - served[i] < TimeSpan.FromSeconds(1)).Count();
            // Arrival times also carry network and scheduling jitter (TLS handshakes of the first requests on a busy machine).
            Assert.True(inOneSecond <= 20 + 5 + 2, $"{inOneSecond} requests within one second from request {i}");
        }
        var rate = (requests - options.Burst) / clock.Elapsed.TotalSeconds;
        TestContext.Current.TestOutputHelper?.WriteLine($"{requests} requests in {clock.Elapsed.TotalSeconds:0.00} s; sustained {rate:0.0} QPS (limit 20, burst 5)");
        Assert.InRange(rate, 10, 20.5);
    }
}
