using Overseer.ServiceDefaults;
using Overseer.Sidecar.Proxy;
using Overseer.Sidecar.Relay;

namespace Overseer.Sidecar;

/// <summary>Builds the Sidecar: service defaults, the egress proxy, the result relay and their endpoints.</summary>
public static class SidecarApp
{
    /// <summary>
    /// Builds the app from <paramref name="args"/> (command line over environment over appsettings).
    /// <paramref name="replaceServices"/> lets tests swap services (e.g. the resolver) after registration.
    /// </summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? replaceServices = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddProxy();
        builder.AddRelay();
        replaceServices?.Invoke(builder);

        var app = builder.Build();
        app.UseServiceDefaults();
        app.MapDefaultEndpoints();
        app.MapRelayApi();
        return app;
    }
}
