using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Overseer.Sidecar.Tests.Infrastructure;

/// <summary>
/// A local HTTP (or HTTPS, self-signed) server that the proxy forwards to, counting the TCP connections it accepts.
/// Paths: /hello, /big?size=N, /chunked, /echo (POST), /headers, /stall (sends a little, then waits).
/// </summary>
public sealed class OriginServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _accepted;
    private int _open;
    private int _echoed;

    private OriginServer(WebApplication app) => _app = app;

    /// <summary>Connections accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Requests /echo answered in full.</summary>
    public int Echoed => Volatile.Read(ref _echoed);

    /// <summary>Connections open now.</summary>
    public int Open => Volatile.Read(ref _open);

    /// <summary>The port.</summary>
    public int Port => new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;

    /// <summary>The certificate of an HTTPS server.</summary>
    public X509Certificate2? Certificate { get; private set; }

    /// <summary>Starts a server on 127.0.0.1 (HTTPS with a fresh self-signed certificate when <paramref name="tls"/>).</summary>
    public static async Task<OriginServer> StartAsync(bool tls = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        OriginServer? server = null;
        X509Certificate2? certificate = tls ? SelfSigned() : null;
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Use(next => async connection =>
            {
                Interlocked.Increment(ref server!._accepted);
                Interlocked.Increment(ref server._open);
                try
                {
                    await next(connection);
                }
                finally
                {
                    Interlocked.Decrement(ref server._open);
                }
            });
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var app = builder.Build();
        server = new OriginServer(app) { Certificate = certificate };
        app.MapGet("/hello", () => "hello");
        app.MapGet("/big", (int size) => Results.Bytes(Enumerable.Range(0, size).Select(i => (byte)(i % 251)).ToArray(), "application/octet-stream"));
        app.MapGet("/chunked", async (HttpResponse response) =>
        {
            await response.WriteAsync("part one,");
            await response.Body.FlushAsync();
            await response.WriteAsync("part two");
        });
        app.MapPost("/echo", async (HttpRequest request, HttpResponse response) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            response.ContentLength = body.Length;
            await response.Body.WriteAsync(body.ToArray());
            Interlocked.Increment(ref server._echoed);
        });
        app.MapGet("/headers", (HttpRequest request) =>
            string.Join('\n', request.Headers.Select(h => $"{h.Key}: {h.Value}")) + "\n");
        app.MapGet("/stall", async (HttpResponse response, CancellationToken ct) =>
        {
            response.ContentLength = 1_000_000;
            await response.Body.WriteAsync(new byte[1000], ct);
            await response.Body.FlushAsync(ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        await app.StartAsync();
        return server;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificate?.Dispose();
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=origin.test", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("origin.test");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
