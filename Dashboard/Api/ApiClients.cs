using System.Net;
using System.Net.Http.Headers;
using Overseer.Contracts.Client;
using Overseer.Contracts.Users;

namespace Overseer.Dashboard.Api;

/// <summary>Typed Api clients over the named <see cref="HttpClient"/>: one per session token, or anonymous (for sign-in).</summary>
public sealed class ApiClients(IHttpClientFactory factory, IConfiguration configuration)
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

    /// <summary>
    /// A client without credentials that signs in on behalf of the browser at <paramref name="browser"/>: it forwards that
    /// address with the shared forwarding key, so the Api throttles failed sign-ins by the browser's address rather than
    /// the Dashboard's. Without a configured key nothing is forwarded and every browser counts as the Dashboard.
    /// </summary>
    public OverseerClient SignIn(IPAddress? browser)
    {
        var http = factory.CreateClient(HttpClientName);
        if (browser is not null && configuration[ClientAddressForwarding.ConfigurationKey] is { Length: > 0 } key)
        {
            http.DefaultRequestHeaders.Add(ClientAddressForwarding.AddressHeader, browser.ToString());
            http.DefaultRequestHeaders.Add(ClientAddressForwarding.KeyHeader, key);
        }
        return new OverseerClient(http);
    }
}
