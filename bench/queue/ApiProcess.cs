using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Overseer.AppHost.Postgres;

namespace Overseer.Bench.Queue;

/// <summary>The Api as its own process (as AppHost runs it), for the HTTP rows.</summary>
internal sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ApiProcess(Process process, Uri address) => (_process, Address) = (process, address);

    public Uri Address { get; }

    public static async Task<ApiProcess> StartAsync(string connectionString, string adminToken)
    {
        var dll = typeof(ApiProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "ApiDll").Value!;
        var address = new Uri($"http://127.0.0.1:{FreePort.Pick().ToString(CultureInfo.InvariantCulture)}/");
        var process = Process.Start(new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_URLS"] = address.ToString(),
                ["ConnectionStrings__overseer"] = connectionString,
                ["OVERSEER_ADMIN_TOKEN"] = adminToken,
                ["Logging__LogLevel__Default"] = "Warning",
            },
        })!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = address };
        for (var i = 0; i < 600; i++)
        {
            try
            {
                if ((await http.GetAsync("health/ready")).IsSuccessStatusCode)
                {
                    return new ApiProcess(process, address);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException("The Api did not become ready");
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
