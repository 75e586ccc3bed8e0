using System.Security.Cryptography;
using Aspire.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Overseer.AppHost.Children;
using Overseer.AppHost.Model;
using Overseer.AppHost.Postgres;
using Overseer.AppHost.Supervision;
using Overseer.ServiceDefaults.Posix;

namespace Overseer.AppHost.Run;

/// <summary>
/// <c>run</c>: checks everything that can be checked before anything starts (options, data dir, ports, PostgreSQL's
/// binaries and cluster), then runs the Aspire app model until Ctrl-C or SIGTERM, with the supervisor, the log echo
/// and the ready table.
/// </summary>
public sealed class RunCommand(RunOptions options, ConsoleSink sink)
{
    /// <summary>File in the data dir with the key of the Aspire dashboard's telemetry API.</summary>
    public const string TelemetryApiKeyFile = "aspire-api-key";

    /// <summary>Runs until the process is asked to stop; answers the exit code.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
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
            ("--proxy-port", options.ProxyPort), ("--aspire-port", options.AspirePort), ("--aspire-otlp-port", options.AspireOtlpPort),
            ("--aspire-resource-port", options.AspireResourcePort));
        var (token, tokenGenerated) = AdminToken.Resolve(dataDir);
        var sandbox = TaskSandbox.Resolve(options.TaskSandbox);
        var pidsFile = Path.Combine(dataDir, "apphost.pids");
        PrivateFiles.WriteAllText(pidsFile, $"apphost {Environment.ProcessId}\n");

        var external = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("ConnectionStrings__overseer"));
        PostgresLaunch? postgres = null;
        var container = false;
        if (external)
        {
            sink.Line("apphost", "using the PostgreSQL server from ConnectionStrings__overseer");
        }
        else if (PostgresBinaries.Find() is null && ContainerRuntime.Answering() is { } runtime)
        {
            sink.Line("apphost", $"no PostgreSQL binaries here: using Aspire's PostgreSQL container ({runtime})");
            container = true;
        }
        else
        {
            sink.Line("apphost", $"preparing PostgreSQL in {Path.Combine(dataDir, "postgres")}");
            postgres = await EmbeddedPostgres.PrepareAsync(new EmbeddedPostgresOptions { DataDir = dataDir }, ct);
        }

        var browserToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            Args = [.. AspireSettings(browserToken).Select(s => $"--{s.Key}={s.Value}")],
        });
        // The key of the Aspire dashboard's telemetry API (GET /api/telemetry/..., header x-api-key), new each run.
        PrivateFiles.WriteAllText(Path.Combine(dataDir, TelemetryApiKeyFile), builder.Configuration["AppHost:DashboardApiKey"] ?? "");
        builder.Configuration["Parameters:admin-token"] = token;
        builder.Configuration["Parameters:result-master-key"] = ResultMasterKey.Resolve(dataDir);
        // New each run and known only to the Api and the Dashboard: with it the Dashboard tells the Api the browser's
        // address for sign-in throttling, and nobody else can (docs/security.md).
        builder.Configuration["Parameters:forwarding-key"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        if (postgres is not null || container)
        {
            builder.Configuration["Parameters:postgres-password"] = postgres?.Password ?? EmbeddedPostgres.Password(dataDir);
        }
        OverseerModel.AddTo(builder, new ModelSettings
        {
            ApiPort = options.ApiPort,
            DashboardPort = options.DashboardPort,
            SidecarPort = options.SidecarPort,
            ProxyPort = options.ProxyPort,
            Postgres = postgres,
            ExternalDatabase = external,
            LocalEnvironment = LocalEnvironment(dataDir, sandbox),
        });
        Quiet(builder.Services);
        builder.Services.AddSingleton(sink);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new SupervisorSettings { PidsFile = pidsFile });
        builder.Services.AddSingleton(new ReadyTable
        {
            Options = options,
            DataDir = dataDir,
            NewToken = tokenGenerated ? token : null,
            Postgres = postgres,
            PostgresContainer = container,
            AspireBrowserToken = browserToken,
        });
        builder.Services.AddHostedService<ResourceLogEcho>();
        builder.Services.AddHostedService<ReadyReporter>();
        // Registered last, so it stops first: it stops the services in order before Aspire stops the orchestrator.
        builder.Services.AddHostedService<Supervisor>();

        await using var app = builder.Build();
        await app.RunAsync(ct);
        sink.Line("apphost", "stopped");
        return Environment.ExitCode;
    }

    /// <summary>Where the Aspire dashboard, its OTLP receiver and the resource service listen, and the sign-in token.</summary>
    private Dictionary<string, string> AspireSettings(string browserToken) => new()
    {
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{options.AspirePort}",
        ["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = $"http://127.0.0.1:{options.AspireOtlpPort}",
        ["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://127.0.0.1:{options.AspireResourcePort}",
        // Everything listens on 127.0.0.1 only; the dashboard still asks for its sign-in token.
        ["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true",
        ["ASPIRE_DASHBOARD_FRONTEND_BROWSERTOKEN"] = browserToken,
        ["ASPIRE_DASHBOARD_TELEMETRY_OPTOUT"] = "true",
    };

    private Dictionary<string, IReadOnlyDictionary<string, string>> LocalEnvironment(string dataDir, string sandbox)
    {
        var api = new Dictionary<string, string>
        {
            ["Executor__Kind"] = options.Executor,
            ["Executor__SecretsDir"] = LocalSources.Ensure(dataDir, LocalSources.Secrets),
            ["Executor__ConfigMapsDir"] = LocalSources.Ensure(dataDir, LocalSources.ConfigMaps),
            ["Executor__WorkRoot"] = Path.Combine(dataDir, "work"),
            ["Executor__TaskUser"] = options.TaskUser,
            ["Executor__Sandbox"] = sandbox,
            ["Executor__SandboxHiddenPaths__0"] = dataDir,
        };
        if (options.Kubeconfig is { } kubeconfig)
        {
            api["Kubernetes__Kubeconfig"] = Path.GetFullPath(kubeconfig);
        }
        if (options.Namespace is { } ns)
        {
            api["Kubernetes__Namespace"] = ns;
        }
        return new()
        {
            ["api"] = api,
            ["sidecar"] = new Dictionary<string, string>
            {
                ["Proxy__RulesFile"] = ProxyRulesFile.Ensure(dataDir),
                ["Relay__SpoolDir"] = Path.Combine(dataDir, "sidecar-spool"),
            },
        };
    }

    /// <summary>Aspire's own start-up chatter is replaced by the ready table; its warnings and errors still show.</summary>
    private static void Quiet(IServiceCollection services) => services.AddLogging(logging =>
    {
        logging.AddFilter("Aspire", LogLevel.Warning);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        // "No trusted Aspire development certificate": nothing here uses HTTPS (everything listens on 127.0.0.1).
        logging.AddFilter("Aspire.Hosting.Dcp.DcpHost", LogLevel.Error);
    });
}
