using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Overseer.Dashboard.Api;

namespace Overseer.Dashboard.Tests.Infrastructure;

/// <summary>
/// The Dashboard hosted in the test process (its real Program, endpoints and middleware), talking to the Api of the
/// <see cref="RunningSystem"/>. For tests that need the app's endpoint data source.
/// </summary>
public sealed class DashboardApplication(string apiUrl) : WebApplicationFactory<Program>
{
    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting(ApiExtensions.AddressKey, apiUrl);
        builder.UseSetting("Dashboard:Security:SignInsPerMinute", "10000");
    }
}
