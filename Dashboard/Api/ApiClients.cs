using System.Net.Http.Headers;
using Overseer.Contracts.Client;

namespace Overseer.Dashboard.Api;

/// <summary>Typed Api clients over the named <see cref="HttpClient"/>: one per session token, or anonymous (for sign-in).</summary>
public sealed class ApiClients(IHttpClientFactory factory)
{
    /// <summary>Name of the HTTP client whose base address is the Api.</summary>
    public const string HttpClientName = "overseer-api";

    /// <summary>A client acting with <paramref name="token"/>.</summary>
    public OverseerClient For(string token)
    {
        var http = factory.CreateClient(HttpClientName);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new OverseerClient(http);
    }

    /// <summary>A client without credentials.</summary>
    public OverseerClient Anonymous() => new(factory.CreateClient(HttpClientName));
}
