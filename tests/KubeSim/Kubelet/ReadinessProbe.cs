using System.Text.Json.Nodes;
using Overseer.KubeSim.Api;

namespace Overseer.KubeSim.Kubelet;

/// <summary>
/// A container's <c>readinessProbe</c> when it is an <c>httpGet</c> (the only kind emulated; other kinds leave a running container
/// ready): the kubelet's loop of GETs against the pod IP (127.0.0.1), ready after <c>successThreshold</c> answers in 200..399,
/// not ready after <c>failureThreshold</c> failures in a row.
/// </summary>
internal sealed class ReadinessProbe
{
    // Unlike the kubelet, this verifies the certificate of an HTTPS probe (the analyzers forbid accepting any); the pods here serve HTTP.
    private static readonly HttpClient Http = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };

    private readonly Uri _uri;
    private readonly JsonArray _headers;
    private readonly TimeSpan _initialDelay;
    private readonly TimeSpan _period;
    private readonly TimeSpan _timeout;
    private readonly long _successThreshold;
    private readonly long _failureThreshold;

    private ReadinessProbe(Uri uri, JsonArray headers, JsonObject probe)
    {
        _uri = uri;
        _headers = headers;
        _initialDelay = TimeSpan.FromSeconds(SimJson.Int(probe, "initialDelaySeconds") ?? 0);
        _period = TimeSpan.FromSeconds(SimJson.Int(probe, "periodSeconds") ?? 10);
        _timeout = TimeSpan.FromSeconds(SimJson.Int(probe, "timeoutSeconds") ?? 1);
        _successThreshold = SimJson.Int(probe, "successThreshold") ?? 1;
        _failureThreshold = SimJson.Int(probe, "failureThreshold") ?? 3;
    }

    /// <summary>The probe of <paramref name="container"/>, or null when it has no httpGet readiness probe.</summary>
    public static ReadinessProbe? Of(JsonObject container)
    {
        if (container["readinessProbe"] is not JsonObject probe || probe["httpGet"] is not JsonObject get)
        {
            return null;
        }
        var port = get["port"] is JsonValue value && value.TryGetValue<string>(out var name)
            ? SimJson.Int((container["ports"] as JsonArray ?? []).FirstOrDefault(p => SimJson.Str(p, "name") == name), "containerPort") ?? 0
            : SimJson.Int(get, "port") ?? 0;
        var scheme = (SimJson.Str(get, "scheme") ?? "HTTP").ToLowerInvariant();
        var host = SimJson.Str(get, "host") ?? "127.0.0.1";
        var path = SimJson.Str(get, "path") ?? "/";
        return new ReadinessProbe(new Uri($"{scheme}://{host}:{port}{(path.StartsWith('/') ? path : "/" + path)}"),
            get["httpHeaders"] as JsonArray ?? [], probe);
    }

    /// <summary>Probes until <paramref name="exited"/> completes or <paramref name="stop"/> is cancelled, reporting each change of readiness.</summary>
    public async Task RunAsync(Task exited, Action<bool> changed, TimeProvider time, CancellationToken stop)
    {
        var (ready, successes, failures) = (false, 0L, 0L);
        try
        {
            await Task.WhenAny(exited, Task.Delay(_initialDelay, time, stop));
            while (!exited.IsCompleted && !stop.IsCancellationRequested)
            {
                if (await PassesAsync(time, stop))
                {
                    (successes, failures) = (successes + 1, 0);
                    if (!ready && successes >= _successThreshold)
                    {
                        changed(ready = true);
                    }
                }
                else
                {
                    (successes, failures) = (0, failures + 1);
                    if (ready && failures >= _failureThreshold)
                    {
                        changed(ready = false);
                    }
                }
                await Task.WhenAny(exited, Task.Delay(_period, time, stop));
            }
        }
        catch (OperationCanceledException)
        {
            // the pod is being deleted
        }
    }

    private async Task<bool> PassesAsync(TimeProvider time, CancellationToken stop)
    {
        using var timeout = new CancellationTokenSource(_timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stop);
        using var request = new HttpRequestMessage(HttpMethod.Get, _uri);
        request.Headers.UserAgent.ParseAdd("kube-probe/1.34");
        foreach (var header in _headers)
        {
            request.Headers.TryAddWithoutValidation(SimJson.Str(header, "name") ?? "", SimJson.Str(header, "value"));
        }
        try
        {
            using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            return (int)response.StatusCode is >= 200 and < 400;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            return false;
        }
    }
}
