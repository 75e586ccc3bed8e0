using Overseer.Api.Kubernetes;
using Overseer.Api.Kubernetes.Auth;
using Overseer.Api.Kubernetes.Config;
using Overseer.KubeSim.Hosting;
using Overseer.Testing;

namespace Overseer.Kubernetes.Tests.Infrastructure;

/// <summary>A KubeSim server on a free port with a temp directory and an admin kubeconfig (client certificate), plus client helpers.</summary>
public sealed class TestSim : IAsyncDisposable
{
    private readonly List<IDisposable> _clients = [];

    private TestSim(KubeSimServer server, string directory)
    {
        Server = server;
        Directory = directory;
        KubeconfigPath = Path.Combine(directory, "kubeconfig");
        server.WriteKubeconfig(KubeconfigPath);
    }

    /// <summary>The simulator.</summary>
    public KubeSimServer Server { get; }

    /// <summary>Store, controllers, faults.</summary>
    public SimCluster Cluster => Server.Cluster;

    /// <summary>A temp directory, removed on dispose.</summary>
    public string Directory { get; }

    /// <summary>Admin kubeconfig (client certificate).</summary>
    public string KubeconfigPath { get; }

    /// <summary>Starts a simulator.</summary>
    public static async Task<TestSim> StartAsync(KubeSimOptions? options = null) =>
        new(await KubeSimServer.StartAsync(options), TestDirectories.Create("kubesim"));

    /// <summary>Writes a file in <see cref="Directory"/>; returns its path.</summary>
    public string WriteFile(string name, string text)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A client for the admin kubeconfig (or <paramref name="kubeconfig"/>), disposed with the sim.</summary>
    public KubernetesClient Client(KubernetesOptions? options = null, string? kubeconfig = null, TimeProvider? time = null)
    {
        options ??= FastOptions();
        options.Kubeconfig ??= kubeconfig ?? KubeconfigPath;
        var config = KubernetesConfigLoader.Load(options, CredentialSettings.From(options, time));
        var client = new KubernetesClient(config, options, time);
        _clients.Add(client);
        return client;
    }

    /// <summary>Options with short retry delays, for tests.</summary>
    public static KubernetesOptions FastOptions() => new()
    {
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        RetryMaxDelay = TimeSpan.FromSeconds(2),
        WatchRetryBaseDelay = TimeSpan.FromMilliseconds(20),
        WatchRetryMaxDelay = TimeSpan.FromMilliseconds(500),
        RequestTimeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>A fresh namespace name.</summary>
    public static string NewNamespace(string prefix = "t") => $"{prefix}-{Guid.NewGuid():N}"[..20];

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
        await Server.DisposeAsync();
        TestDirectories.Delete(Directory);
    }
}
