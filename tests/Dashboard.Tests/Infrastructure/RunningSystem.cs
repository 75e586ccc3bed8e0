using System.Net.Http.Headers;
using Microsoft.Playwright;
using Overseer.ServiceDefaults.Posix;
using Overseer.AppHost.Postgres;
using Overseer.Contracts.Client;
using Overseer.Testing;

namespace Overseer.Dashboard.Tests.Infrastructure;

/// <summary>
/// The whole system as <c>dotnet run --project AppHost</c> starts it (Api, Dashboard and Sidecar as AppHost's children),
/// on the test run's PostgreSQL server, plus one headless Chromium. Started on first use and shared by every browser
/// test; each test works in its own browser context and with its own names.
/// </summary>
public sealed class RunningSystem
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static RunningSystem? _current;
    private static string? _dataDir;
    private static ChildProcess? _appHost;
    private static IPlaywright? _playwright;

    private RunningSystem(string dashboardUrl, string apiUrl, string adminToken, string connectionString, IBrowser browser)
    {
        DashboardUrl = dashboardUrl;
        ApiUrl = apiUrl;
        AdminToken = adminToken;
        ConnectionString = connectionString;
        Browser = browser;
    }

    /// <summary>Base URL of the Dashboard.</summary>
    public string DashboardUrl { get; }

    /// <summary>Base URL of the Api.</summary>
    public string ApiUrl { get; }

    /// <summary>The admin token AppHost generated; also the admin user's password.</summary>
    public string AdminToken { get; }

    /// <summary>The system's database.</summary>
    public string ConnectionString { get; }

    /// <summary>The shared browser.</summary>
    public IBrowser Browser { get; }

    /// <summary>The running system (started on first call).</summary>
    public static async Task<RunningSystem> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _current ??= await StartAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>An Api client acting as the admin token.</summary>
    public OverseerClient AdminClient()
    {
        var http = new HttpClient { BaseAddress = new Uri(ApiUrl + "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return new OverseerClient(http);
    }

    private static async Task<RunningSystem> StartAsync()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("dashboard");
        _dataDir = TestDirectories.Create("dashboard");
        var (api, dashboard, sidecar) = (FreePort.Pick(), FreePort.Pick(), FreePort.Pick());
        _appHost = ChildProcess.StartDotnet(RepoPaths.Built("AppHost", "Overseer.AppHost.dll"), new Dictionary<string, string?>
        {
            ["ConnectionStrings__overseer"] = connectionString,
            ["OVERSEER_ADMIN_TOKEN"] = null,
            // Every test signs in from 127.0.0.1; the production limit would throttle the suite.
            ["Dashboard__Security__SignInsPerMinute"] = "10000",
            // Likewise the Api's per-address sign-in throttle: every test's wrong passwords come from 127.0.0.1. The
            // per-user and per-user-at-address rules stay as in production.
            ["Users__SignInThrottle__PerAddress__FreeFailures"] = "10000",
        }, ["--data-dir", _dataDir, "--api-port", api.ToString(), "--dashboard-port", dashboard.ToString(), "--sidecar-port", sidecar.ToString(),
            "--proxy-port", FreePort.Pick().ToString(), .. AspirePorts.Free()]);
        await _appHost.WaitForOutputAsync("Overseer is running", TimeSpan.FromSeconds(120));
        var token = (await File.ReadAllTextAsync(Path.Combine(_dataDir, "admin-token"))).Trim();

        _playwright = await Playwright.CreateAsync();
        var browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.Path,
            Headless = true,
            Args = Chromium.Flags,
        });
        return new RunningSystem($"http://127.0.0.1:{dashboard}", $"http://127.0.0.1:{api}", token, connectionString, browser);
    }

    /// <summary>Stops the browser and the system.</summary>
    internal static async Task StopAsync()
    {
        if (_current is not null)
        {
            await _current.Browser.CloseAsync();
            _current = null;
        }
        _playwright?.Dispose();
        _playwright = null;
        if (_appHost is not null)
        {
            Native.Signal(_appHost.Pid, Native.SigTerm);
            try
            {
                await _appHost.WaitForExitAsync(TimeSpan.FromSeconds(60));
            }
            finally
            {
                await _appHost.DisposeAsync();
                _appHost = null;
            }
        }
        if (_dataDir is not null)
        {
            TestDirectories.Delete(_dataDir);
        }
    }
}
