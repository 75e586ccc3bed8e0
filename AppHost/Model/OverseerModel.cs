using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Overseer.AppHost.Children;

namespace Overseer.AppHost.Model;

/// <summary>
/// The one description of Overseer's resources: PostgreSQL, the Api, the Dashboard and the Sidecar, their endpoints,
/// their wiring (Aspire's <c>ConnectionStrings__overseer</c> and <c>services__*</c> variables), health checks and
/// start order. A local run starts it; the manifest publisher writes it.
/// </summary>
public static class OverseerModel
{
    /// <summary>Names of the resources AppHost supervises, in start order.</summary>
    public static readonly IReadOnlyList<string> Services = ["postgres", "api", "dashboard", "sidecar"];

    /// <summary>Name of the connection string (<c>ConnectionStrings__overseer</c>) and of the database.</summary>
    public const string Database = "overseer";

    /// <summary>The services that read <c>ConnectionStrings__overseer</c>.</summary>
    public static readonly IReadOnlyList<string> DatabaseUsers = ["api"];

    /// <summary>
    /// Each service's secret variables. The local run sets them from parameters; <c>publish</c> reads the same table
    /// for the Deployments' <c>secretKeyRef</c>s, so a variable added here reaches both.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<SecretVariable>> SecretEnvironment = new Dictionary<string, IReadOnlyList<SecretVariable>>
    {
        ["api"] = [new("OVERSEER_ADMIN_TOKEN", "admin-token"), new("Results__MasterKey", "result-master-key"), new("SignIn__ForwardingKey", "forwarding-key")],
        // The admin signs in with the admin token as password; the forwarding key lets the Dashboard tell the Api
        // the browser's address when signing in on its behalf (docs/security.md).
        ["dashboard"] = [new("Dashboard__Admin__Password", "admin-token"), new("SignIn__ForwardingKey", "forwarding-key")],
        ["sidecar"] = [],
    };

    /// <summary>Adds every resource to <paramref name="builder"/>.</summary>
    public static void AddTo(IDistributedApplicationBuilder builder, ModelSettings settings)
    {
        var run = builder.ExecutionContext.IsRunMode;
        var parameters = SecretEnvironment.Values.SelectMany(v => v).Select(v => v.Parameter).Distinct()
            .ToDictionary(name => name, name => builder.AddParameter(name, secret: true));
        var (database, server) = DatabaseResources(builder, settings);

        var api = builder.AddProject<Projects.Api>("api")
            .WithHttpEndpoint(port: settings.ApiPort, name: "http", isProxied: false)
            .WithProbe("/health/ready")
            .WithReferenceEnvironment(AspireContract)
            .WithReference(database);
        var dashboard = builder.AddProject<Projects.Dashboard>("dashboard")
            .WithHttpEndpoint(port: settings.DashboardPort, name: "http", isProxied: false)
            .WithProbe("/health/live")
            .WithEnvironment("Dashboard__Admin__User", "admin");
        var sidecar = builder.AddProject<Projects.Sidecar>("sidecar")
            .WithHttpEndpoint(port: settings.SidecarPort, name: "http", isProxied: false)
            // The egress proxy is the Sidecar's own listener (not Kestrel's URLs), so it is a TCP endpoint.
            .WithEndpoint(port: settings.ProxyPort, name: "proxy", scheme: "tcp", isProxied: false)
            .WithProbe("/health/live");
        sidecar.WithEnvironment("Proxy__Port", sidecar.GetEndpoint("proxy").Property(EndpointProperty.TargetPort));

        var proxyUrl = ReferenceExpression.Create($"http://{sidecar.GetEndpoint("proxy").Property(EndpointProperty.HostAndPort)}");
        foreach (var service in new[] { api, dashboard, sidecar })
        {
            foreach (var secret in SecretEnvironment[service.Resource.Name])
            {
                service.WithEnvironment(secret.Variable, parameters[secret.Parameter]);
            }
            service
                .WithReferenceEnvironment(AspireContract)
                .WithReference(api.GetEndpoint("http"))
                .WithReference(sidecar.GetEndpoint("http"))
                .WithEnvironment("services__sidecar__proxy__0", proxyUrl)
                .WithEnvironment("DOTNET_NOLOGO", "1");
            if (run)
            {
                service.FromBuiltAssembly(service.Resource.Name);
                service.WithEndpoint("http", e => e.TargetHost = "127.0.0.1");
                if (service == sidecar)
                {
                    service.WithEndpoint("proxy", e => e.TargetHost = "127.0.0.1");
                }
                foreach (var (name, value) in settings.LocalEnvironment.GetValueOrDefault(service.Resource.Name) ?? new Dictionary<string, string>())
                {
                    service.WithEnvironment(name, value);
                }
            }
        }
        if (server is not null)
        {
            api.WaitFor(server);
        }
        dashboard.WaitFor(api);
        sidecar.WaitFor(api);
    }

    private static (IResourceBuilder<IResourceWithConnectionString> Database, IResourceBuilder<IResource>? Server) DatabaseResources(
        IDistributedApplicationBuilder builder, ModelSettings settings)
    {
        if (settings.ExternalDatabase)
        {
            return (builder.AddConnectionString(Database), null);
        }
        var password = builder.AddParameter("postgres-password", secret: true);
        if (settings.Postgres is { } launch && builder.ExecutionContext.IsRunMode)
        {
            var postgres = builder.AddExecutable("postgres", launch.Command, launch.ClusterDir, [.. launch.Args])
                .WithEndpoint(port: launch.Port, name: "tcp", scheme: "tcp", isProxied: false)
                .WithHealthCheck("postgres-ready");
            var ready = new PostgresReadyCheck(launch, Database);
            builder.Services.AddHealthChecks().AddCheck("postgres-ready", new PollingHealthCheck(ready.ProbeAsync, Patience, TimeProvider.System));
            var endpoint = postgres.GetEndpoint("tcp");
            var connection = builder.AddConnectionString(Database, ReferenceExpression.Create(
                $"Host=127.0.0.1;Port={endpoint.Property(EndpointProperty.Port)};Username=overseer;Password={password};Database=overseer"));
            return (connection, postgres.AsResource());
        }
        // Published, or run where there are no PostgreSQL binaries but a container runtime answers: Aspire's container.
        // Tag 16, as the kustomize base's StatefulSet (docs/publish.md).
        var container = builder.AddPostgres("postgres", password: password).WithImageTag("16");
        if (builder.ExecutionContext.IsRunMode)
        {
            // Tasks outlive a run, as with the local server's cluster in the data dir.
            container.WithDataVolume("overseer-postgres-data");
        }
        return (container.AddDatabase(Database), container.AsResource());
    }

    /// <summary>What a reference injects: Aspire's <c>ConnectionStrings__*</c> and <c>services__*</c>, not its per-property variables.</summary>
    private const ReferenceEnvironmentInjectionFlags AspireContract =
        ReferenceEnvironmentInjectionFlags.ConnectionString | ReferenceEnvironmentInjectionFlags.ServiceDiscovery;

    /// <summary>How long one health check keeps probing before it reports "unhealthy".</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Health from GET <paramref name="path"/> on the resource's own port. In a local run it probes every 100 ms
    /// (<see cref="PollingHealthCheck"/>); the manifest gets Aspire's HTTP health check.
    /// </summary>
    private static IResourceBuilder<ProjectResource> WithProbe(this IResourceBuilder<ProjectResource> project, string path)
    {
        if (!project.ApplicationBuilder.ExecutionContext.IsRunMode)
        {
            return project.WithHttpHealthCheck(path);
        }
        var endpoint = project.GetEndpoint("http");
        var key = project.Resource.Name + "-ready";
        project.ApplicationBuilder.Services.AddHealthChecks().AddCheck(key, new PollingHealthCheck(
            ct => HttpProbe.GetAsync(new Uri(new Uri(endpoint.Url), path), ct), Patience, TimeProvider.System));
        return project.WithHealthCheck(key);
    }

    private static IResourceBuilder<IResource> AsResource<T>(this IResourceBuilder<T> builder) where T : IResource =>
        builder.ApplicationBuilder.CreateResourceBuilder<IResource>(builder.Resource);

    /// <summary>
    /// Runs the project's built assembly with the dotnet host, as one process, instead of <c>dotnet run --no-build</c>
    /// (an extra process per service, and the pid Aspire reports would be the launcher's).
    /// </summary>
    private static IResourceBuilder<ProjectResource> FromBuiltAssembly(this IResourceBuilder<ProjectResource> project, string name)
    {
        var dll = ProjectPaths.Dll(name);
        return project
            .WithAnnotation(new ExecutableAnnotation { Command = ProjectPaths.DotnetHost(), WorkingDirectory = Path.GetDirectoryName(dll)! },
                ResourceAnnotationMutationBehavior.Replace)
            .WithArgs(dll);
    }
}
