using System.Globalization;
using Overseer.AppHost.Children;
using Overseer.AppHost.Postgres;
using Overseer.Api.Tests.Infrastructure;
using Overseer.Contracts.Client;
using Overseer.Testing;

namespace Overseer.Api.Tests.Results;

/// <summary>
/// The local-mode result path as AppHost runs it, with real processes: the Api (local executor) and one shared Sidecar,
/// on loopback ports, on a fresh database. The Sidecar reaches the Api through a <see cref="TcpForwarder"/> so tests
/// can take the Api away from it. Both log at Trace level.
/// </summary>
public sealed class RelayStack : IAsyncDisposable
{
    /// <summary>Master key of this stack's Api (a canary: it must never be logged).</summary>
    public string MasterKey { get; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>The Api process.</summary>
    public OverseerProcess Api { get; private set; } = null!;

    /// <summary>The Sidecar process.</summary>
    public OverseerProcess Sidecar { get; private set; } = null!;

    /// <summary>The path from the Sidecar to the Api.</summary>
    public TcpForwarder ApiPath { get; private set; } = null!;

    /// <summary>A client of the Api, as admin.</summary>
    public OverseerClient Client { get; private set; } = null!;

    /// <summary>Starts the stack; <paramref name="apiReachable"/> false leaves the Sidecar's path to the Api down.</summary>
    public static async Task<RelayStack> StartAsync(bool apiReachable = true)
    {
        var stack = new RelayStack();
        var (apiPort, relayPort, forwardPort, proxyPort) = (FreePort.Pick(), FreePort.Pick(), FreePort.Pick(), FreePort.Pick());
        stack.ApiPath = new TcpForwarder(forwardPort, apiPort);
        if (apiReachable)
        {
            stack.ApiPath.Up();
        }
        var traceEverything = new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Trace",
            ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Trace",
            ["Logging__LogLevel__Microsoft.AspNetCore.Server.Kestrel"] = "Trace",
            ["Logging__LogLevel__Microsoft.AspNetCore.Routing"] = "Trace",
        };
        stack.Sidecar = OverseerProcess.Start(ProjectPaths.Dll("sidecar"), [], With(traceEverything, new()
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{relayPort}",
            ["services__api__http__0"] = $"http://127.0.0.1:{forwardPort}",
            ["Proxy__Port"] = proxyPort.ToString(CultureInfo.InvariantCulture),
            ["Relay__RetryInitialDelay"] = "00:00:00.200",
            ["Relay__RetryMaxDelay"] = "00:00:01",
            ["Relay__EnrollTimeout"] = "00:00:01",
        }));
        stack.Api = OverseerProcess.Start(ProjectPaths.Dll("api"), [], With(traceEverything, new()
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{apiPort}",
            ["ConnectionStrings__overseer"] = await TestDatabase.CreateAsync(),
            ["OVERSEER_ADMIN_TOKEN"] = ApiApplication.AdminToken,
            ["Results__MasterKey"] = stack.MasterKey,
            ["services__sidecar__http__0"] = $"http://127.0.0.1:{relayPort}",
            ["services__sidecar__proxy__0"] = $"http://127.0.0.1:{proxyPort}",
        }));
        await stack.Sidecar.WaitForLineAsync("Application started", TimeSpan.FromSeconds(60));
        await stack.Api.WaitForLineAsync("Application started", TimeSpan.FromSeconds(60));
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}") };
        http.DefaultRequestHeaders.Authorization = new("Bearer", ApiApplication.AdminToken);
        stack.Client = new OverseerClient(http);
        return stack;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        await Sidecar.DisposeAsync();
        await ApiPath.DisposeAsync();
    }

    private static Dictionary<string, string> With(Dictionary<string, string> common, Dictionary<string, string> own)
    {
        var all = new Dictionary<string, string>(common);
        foreach (var (key, value) in own)
        {
            all[key] = value;
        }
        return all;
    }
}
