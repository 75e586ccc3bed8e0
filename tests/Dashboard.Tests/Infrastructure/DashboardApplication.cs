using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Overseer.Dashboard.Api;

namespace Overseer.Dashboard.Tests.Infrastructure;

/// <summary>
/// The Dashboard hosted in the test process (its real Program, endpoints and middleware), talking to the Api at
/// <paramref name="apiUrl"/>, with extra <paramref name="settings"/> and <paramref name="services"/> (e.g. a fake Api handler).
/// </summary>
public sealed partial class DashboardApplication(string apiUrl, IReadOnlyDictionary<string, string>? settings = null,
    Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    /// <summary>The antiforgery token of the sign-in form, read from <c>GET /login</c> (which also sets the antiforgery cookie).</summary>
    public static async Task<string> SignInFormTokenAsync(HttpClient client)
    {
        var login = await client.GetStringAsync("/login");
        return WebUtility.HtmlDecode(TokenField().Match(login).Groups[1].Value);
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting(ApiExtensions.AddressKey, apiUrl);
        builder.UseSetting("Dashboard:Security:SignInsPerMinute", "10000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
