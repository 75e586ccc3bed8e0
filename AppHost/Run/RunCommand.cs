using System.Text;
using Overseer.AppHost.Children;
using Overseer.AppHost.Postgres;
using Overseer.ServiceDefaults.Posix;

namespace Overseer.AppHost.Run;

/// <summary>
/// <c>run</c>: PostgreSQL (embedded or from <c>ConnectionStrings__overseer</c>), then Api, Dashboard and Sidecar as
/// supervised children wired with Aspire's variable names; waits for their health, prints the URLs and the admin token,
/// and on Ctrl-C or SIGTERM stops everything it started.
/// </summary>
public sealed class RunCommand(RunOptions options, ConsoleSink sink)
{
    /// <summary>Runs until <paramref name="shutdown"/> fires; answers the process exit code.</summary>
    public async Task<int> RunAsync(CancellationToken shutdown)
    {
        if (options.Executor == "kubernetes" && options.Kubeconfig is { } kubeconfig && !File.Exists(kubeconfig))
        {
            throw new UsageException($"--kubeconfig {kubeconfig}: the file does not exist.");
        }
        if (options.Executor != "kubernetes" && (options.Kubeconfig is not null || options.Namespace is not null))
        {
            throw new UsageException("--kubeconfig and --namespace only apply with --executor kubernetes.");
        }
        var dataDir = Preflight.DataDir(options.DataDir);
        Preflight.PortsFree(("--api-port", options.ApiPort), ("--dashboard-port", options.DashboardPort), ("--sidecar-port", options.SidecarPort),
            ("--proxy-port", options.ProxyPort));
        var (token, tokenGenerated) = AdminToken.Resolve(dataDir);
        var sandbox = TaskSandbox.Resolve(options.TaskSandbox);
        var masterKey = ResultMasterKey.Resolve(dataDir);
        var rulesFile = ProxyRulesFile.Ensure(dataDir);
        var pidsFile = Path.Combine(dataDir, "apphost.pids");
        PrivateFiles.WriteAllText(pidsFile, $"apphost {Environment.ProcessId}\n");

        EmbeddedPostgres? postgres = null;
        var children = new List<SupervisedChild>();
        try
        {
            var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__overseer");
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                sink.Line("apphost", $"starting PostgreSQL in {Path.Combine(dataDir, "postgres")}");
                postgres = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions
                {
                    DataDir = dataDir,
                    Log = line => sink.Line("postgres", line),
                }, shutdown);
                await File.AppendAllTextAsync(pidsFile, $"postgres {postgres.Pid}\n", shutdown);
                connectionString = postgres.ConnectionString;
            }
            else
            {
                sink.Line("apphost", "using the PostgreSQL server from ConnectionStrings__overseer");
            }

            foreach (var spec in Specs(connectionString, token, masterKey, rulesFile, dataDir, sandbox))
            {
                var child = new SupervisedChild(spec, sink, pid => File.AppendAllText(pidsFile, $"{spec.Name} {pid}\n"), shutdown);
                children.Add(child);
                child.Start();
            }
            foreach (var child in children)
            {
                if (!await child.WaitHealthyAsync(TimeSpan.FromSeconds(90), shutdown))
                {
                    throw new UsageException($"{child.Spec.Name} did not become healthy at {child.Spec.Url}{child.Spec.HealthPath.TrimStart('/')} within 90s; see its log lines above.");
                }
            }
            var isolation = options.Executor == "local" ? await IsolationAsync(token, shutdown) : null;
            sink.Raw(ReadyTable(dataDir, tokenGenerated ? token : null, postgres, isolation));
            await Task.Delay(Timeout.Infinite, shutdown).ContinueWith(_ => { }, TaskScheduler.Default);
            sink.Line("apphost", "stopping");
            return 0;
        }
        finally
        {
            for (var i = children.Count - 1; i >= 0; i--)
            {
                await children[i].StopAsync(TimeSpan.FromSeconds(20));
            }
            if (postgres is not null)
            {
                await postgres.DisposeAsync();
            }
            sink.Line("apphost", "stopped");
        }
    }

    private IEnumerable<ChildSpec> Specs(string connectionString, string token, string masterKey, string rulesFile, string dataDir, string sandbox)
    {
        var api = new Uri($"http://127.0.0.1:{options.ApiPort}/");
        var dashboard = new Uri($"http://127.0.0.1:{options.DashboardPort}/");
        var sidecar = new Uri($"http://127.0.0.1:{options.SidecarPort}/");
        // New each run and known only to these two children: with it the Dashboard tells the Api the browser's address
        // for sign-in throttling, and nobody else can (docs/security.md).
        var forwardingKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var common = new Dictionary<string, string>
        {
            ["OVERSEER_PARENT_PID"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["services__api__http__0"] = api.ToString().TrimEnd('/'),
            ["services__sidecar__http__0"] = sidecar.ToString().TrimEnd('/'),
            ["services__sidecar__proxy__0"] = $"http://127.0.0.1:{options.ProxyPort}",
            ["DOTNET_NOLOGO"] = "1",
        };
        var apiEnvironment = With(common, new()
        {
            ["ASPNETCORE_URLS"] = api.ToString(),
            ["OTEL_SERVICE_NAME"] = "api",
            ["ConnectionStrings__overseer"] = connectionString,
            ["OVERSEER_ADMIN_TOKEN"] = token,
            ["Executor__Kind"] = options.Executor,
            ["Executor__SecretsDir"] = LocalSources.Ensure(dataDir, LocalSources.Secrets),
            ["Executor__ConfigMapsDir"] = LocalSources.Ensure(dataDir, LocalSources.ConfigMaps),
            ["Results__MasterKey"] = masterKey,
            ["SignIn__ForwardingKey"] = forwardingKey,
            ["Executor__WorkRoot"] = Path.Combine(dataDir, "work"),
            ["Executor__TaskUser"] = options.TaskUser,
            ["Executor__Sandbox"] = sandbox,
            ["Executor__SandboxHiddenPaths__0"] = dataDir,
        });
        if (options.Kubeconfig is { } kubeconfig)
        {
            apiEnvironment["Kubernetes__Kubeconfig"] = Path.GetFullPath(kubeconfig);
        }
        if (options.Namespace is { } ns)
        {
            apiEnvironment["Kubernetes__Namespace"] = ns;
        }
        yield return new ChildSpec("api", ProjectPaths.Dll("api"), api, "/health/ready", apiEnvironment);
        yield return new ChildSpec("dashboard", ProjectPaths.Dll("dashboard"), dashboard, "/health/live", With(common, new()
        {
            ["ASPNETCORE_URLS"] = dashboard.ToString(),
            ["OTEL_SERVICE_NAME"] = "dashboard",
            ["Dashboard__Admin__User"] = "admin",
            ["Dashboard__Admin__Password"] = token,
            ["SignIn__ForwardingKey"] = forwardingKey,
        }));
        yield return new ChildSpec("sidecar", ProjectPaths.Dll("sidecar"), sidecar, "/health/live", With(common, new()
        {
            ["ASPNETCORE_URLS"] = sidecar.ToString(),
            ["OTEL_SERVICE_NAME"] = "sidecar",
            ["Proxy__Port"] = options.ProxyPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Proxy__RulesFile"] = rulesFile,
            ["Relay__SpoolDir"] = Path.Combine(dataDir, "sidecar-spool"),
        }));
    }

    private static Dictionary<string, string> With(Dictionary<string, string> common, Dictionary<string, string> own)
    {
        var all = new Dictionary<string, string>(common);
        foreach (var (k, v) in own)
        {
            all[k] = v;
        }
        return all;
    }

    /// <summary>What isolates local tasks, in the Api's words (<c>GET /api/v1/executor</c>).</summary>
    private async Task<string?> IsolationAsync(string token, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{options.ApiPort}/"), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var answer = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("api/v1/executor", ct));
            return answer.RootElement.GetProperty("isolation").GetString();
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException or KeyNotFoundException or TaskCanceledException)
        {
            return $"unknown (the Api did not say: {e.Message})";
        }
    }

    private string ReadyTable(string dataDir, string? newToken, EmbeddedPostgres? postgres, string? isolation)
    {
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine("  Overseer is running (executor: " + options.Executor + "). Press Ctrl-C to stop.");
        text.AppendLine();
        text.AppendLine($"  {"api",-11}http://127.0.0.1:{options.ApiPort}");
        text.AppendLine($"  {"dashboard",-11}http://127.0.0.1:{options.DashboardPort}   (user: admin, password: the admin token)");
        text.AppendLine($"  {"sidecar",-11}http://127.0.0.1:{options.SidecarPort}   (result relay)");
        text.AppendLine($"  {"proxy",-11}http://127.0.0.1:{options.ProxyPort}   (egress rules in {Path.Combine(dataDir, ProxyRulesFile.FileName)})");
        text.AppendLine($"  {"postgres",-11}{(postgres is null ? "from ConnectionStrings__overseer" : $"127.0.0.1:{postgres.Port} (data in {postgres.ClusterDir})")}");
        if (isolation is not null)
        {
            text.AppendLine();
            text.AppendLine($"  isolation: {isolation}");
        }
        text.AppendLine();
        // The token is printed once, by the run that generated it; later runs say where it is.
        text.AppendLine(newToken is null
            ? $"  admin token: in {Path.Combine(dataDir, AdminToken.FileName)}"
            : $"  admin token (new, shown once): {newToken}\n  (saved in {Path.Combine(dataDir, AdminToken.FileName)})");
        text.AppendLine();
        return text.ToString();
    }
}
