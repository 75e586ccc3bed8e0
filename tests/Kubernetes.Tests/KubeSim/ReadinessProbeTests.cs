using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Overseer.AppHost.Postgres;
using Overseer.Api.Kubernetes.Models;
using Overseer.Kubernetes.Tests.Infrastructure;
using Overseer.Testing;

namespace Overseer.Kubernetes.Tests.KubeSim;

/// <summary>The kubelet's httpGet readiness probe: a running container is ready only while the probe passes.</summary>
public sealed class ReadinessProbeTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Ready_follows_the_httpGet_probe_on_a_named_port()
    {
        await using var sim = await TestSim.StartAsync();
        var objects = new SimObjects(sim);
        var ns = TestSim.NewNamespace();
        var port = FreePort.Pick();
        var container = new JsonObject
        {
            ["name"] = "main",
            ["image"] = "busybox",
            ["command"] = new JsonArray("sleep", "3600"),
            ["ports"] = new JsonArray(new JsonObject { ["name"] = "http", ["containerPort"] = port }),
            ["readinessProbe"] = new JsonObject
            {
                ["httpGet"] = new JsonObject { ["path"] = "/ready", ["port"] = "http" },
                ["periodSeconds"] = 1,
                ["failureThreshold"] = 2,
            },
        };
        await objects.CreateAsync(SimObjects.Pod(ns, "probed", container, restartPolicy: "Always"));
        var client = sim.Client();
        Pod pod = null!;

        await Eventually.TrueAsync(async () => (pod = await client.Pods.GetAsync(ns, "probed")).Status?.ContainerStatuses?[0].State?.Running is not null,
            Wait, "the container to run");
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        pod = await client.Pods.GetAsync(ns, "probed");
        Assert.False(SimObjects.Is(pod, "Ready"), "nothing answers the probe yet");
        Assert.False(pod.Status!.ContainerStatuses![0].Ready);

        using var target = new ProbeTarget(port);
        await Eventually.TrueAsync(async () => SimObjects.Is(pod = await client.Pods.GetAsync(ns, "probed"), "Ready"), Wait, "the pod to become ready");
        Assert.True(pod.Status!.ContainerStatuses![0].Ready);
        Assert.True(SimObjects.Is(pod, "ContainersReady"));
        Assert.Contains("GET /ready HTTP/1.1", target.Requests);

        target.Status = 503;
        await Eventually.TrueAsync(async () => !SimObjects.Is(pod = await client.Pods.GetAsync(ns, "probed"), "Ready"), Wait, "the pod to become unready");
        Assert.Equal("Running", pod.Status!.Phase);
        Assert.Equal("ContainersNotReady", pod.Status.Conditions!.Single(c => c.Type == "Ready").Reason);
    }

    /// <summary>A minimal HTTP server on 127.0.0.1 answering every request with <see cref="Status"/>.</summary>
    private sealed class ProbeTarget : IDisposable
    {
        private readonly TcpListener _listener;
        private readonly CancellationTokenSource _stop = new();
        private readonly List<string> _requests = [];

        public ProbeTarget(int port)
        {
            _listener = new TcpListener(IPAddress.Loopback, port);
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public int Status { get; set; } = 200;

        public IReadOnlyList<string> Requests
        {
            get
            {
                lock (_requests)
                {
                    return [.. _requests];
                }
            }
        }

        private async Task ServeAsync()
        {
            try
            {
                while (true)
                {
                    using var socket = await _listener.AcceptTcpClientAsync(_stop.Token);
                    var stream = socket.GetStream();
                    using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
                    var requestLine = await reader.ReadLineAsync(_stop.Token) ?? "";
                    string? header;
                    do
                    {
                        header = await reader.ReadLineAsync(_stop.Token);
                    }
                    while (!string.IsNullOrEmpty(header));
                    lock (_requests)
                    {
                        _requests.Add(requestLine);
                    }
                    await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {Status} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), _stop.Token);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException or IOException)
            {
                // stopped
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }
    }
}
