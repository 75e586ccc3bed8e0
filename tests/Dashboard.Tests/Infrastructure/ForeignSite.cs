using System.Net;
using System.Text;
using Overseer.AppHost.Postgres;

namespace Overseer.Dashboard.Tests.Infrastructure;

/// <summary>
/// An attacker's page: serves one HTML document from another port of 127.0.0.1, which browsers treat as another
/// origin but the same site (so SameSite=Strict cookies still go along with its requests to the Dashboard).
/// </summary>
public sealed class ForeignSite : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _html;

    private ForeignSite(string html)
    {
        _html = html;
        var port = FreePort.Pick();
        Url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = ServeAsync();
    }

    /// <summary>Address of the page.</summary>
    public string Url { get; }

    /// <summary>Starts serving <paramref name="html"/> at <see cref="Url"/>.</summary>
    public static ForeignSite Serve(string html) => new(html);

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            var body = Encoding.UTF8.GetBytes(_html);
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Close();
}
