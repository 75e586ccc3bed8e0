using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Overseer.KubeSim.Security;

namespace Overseer.KubeSim.Hosting;

/// <summary>
/// A running simulator: HTTPS on 127.0.0.1 with a generated CA, accepting client certificates from that CA and bearer tokens.
/// Start it in-process with <see cref="StartAsync"/>, or run the KubeSim executable.
/// </summary>
public sealed class KubeSimServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KubeSimServer(WebApplication app, SimCluster cluster, SimCertificates certificates, Uri url)
    {
        _app = app;
        Cluster = cluster;
        Certificates = certificates;
        Url = url;
    }

    /// <summary>The API server address.</summary>
    public Uri Url { get; }

    /// <summary>Store, controllers, kubelet, users, stats and fault switches.</summary>
    public SimCluster Cluster { get; }

    /// <summary>The CA and server certificate.</summary>
    public SimCertificates Certificates { get; }

    /// <summary>Starts a simulator; <paramref name="logging"/> adds log output (none by default).</summary>
    public static async Task<KubeSimServer> StartAsync(KubeSimOptions? options = null, Action<ILoggingBuilder>? logging = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new KubeSimOptions();
        var certificates = SimCertificates.Create();
        var cluster = new SimCluster(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        logging?.Invoke(builder.Logging);
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MinResponseDataRate = null;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.UseHttps(https =>
            {
                https.ServerCertificate = certificates.Server;
                https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                // The pipeline checks the chain: a bad certificate is a 401, as with the API server, not a failed handshake.
                https.AllowAnyClientCertificate();
            }));
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var app = builder.Build();
        Uri? url = null;
        var pipeline = new SimPipeline(cluster, certificates, () => url!);
        app.Run(pipeline.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        url = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return new KubeSimServer(app, cluster, certificates, url);
    }

    /// <summary>A kubeconfig for the admin user: a client certificate, or the admin token with <paramref name="tokenAuth"/>.</summary>
    public string AdminKubeconfig(bool tokenAuth = false, string ns = "default")
    {
        if (tokenAuth)
        {
            return KubeconfigWriter.Render(Url, Certificates.CaPem, null, null, Cluster.Users.AdminToken, ns);
        }
        var (certificate, key) = Certificates.IssueClient(SimUsers.AdminUser, ["system:masters"]);
        return KubeconfigWriter.Render(Url, Certificates.CaPem, certificate, key, null, ns);
    }

    /// <summary>Writes <see cref="AdminKubeconfig"/> to <paramref name="path"/> (readable by its owner only).</summary>
    public void WriteKubeconfig(string path, bool tokenAuth = false, string ns = "default")
    {
        File.WriteAllText(path, AdminKubeconfig(tokenAuth, ns));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>Completes when the host is asked to stop (Ctrl-C, SIGTERM).</summary>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Cluster.Store.Close();
        await _app.StopAsync();
        await Cluster.DisposeAsync();
        await _app.DisposeAsync();
        Certificates.Dispose();
    }
}
