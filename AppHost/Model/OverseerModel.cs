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

    /// <summary>Secret parameters every deployment supplies (a local run generates them in the data dir).</summary>
    public static readonly IReadOnlyList<string> SecretParameters = ["admin-token", "result-master-key", "forwarding-key", "postgres-password"];

    /// <summary>Adds every resource to <paramref name="builder"/>.</summary>
    public static void AddTo(IDistributedApplicationBuilder builder, ModelSettings settings)
    {
        var run = builder.ExecutionContext.IsRunMode;
        var adminToken = builder.AddParameter("admin-token", secret: true);
        var masterKey = builder.AddParameter("result-master-key", secret: true);
        var forwardingKey = builder.AddParameter("forwarding-key", secret: true);
        var (database, server) = Database(builder, settings);

        var api = builder.AddProject<Projects.Api>("api")
            .WithHttpEndpoint(port: settings.ApiPort, name: "http", isProxied: false)
            .WithProbe("/health/ready")
            .WithReference(database)
            .WithEnvironment("OVERSEER_ADMIN_TOKEN", adminToken)
            .WithEnvironment("Results__MasterKey", masterKey)
            .WithEnvironment("SignIn__ForwardingKey", forwardingKey);
        var dashboard = builder.AddProject<Projects.Dashboard>("dashboard")
            .WithHttpEndpoint(port: settings.DashboardPort, name: "http", isProxied: false)
            .WithProbe("/health/live")
            .WithEnvironment("Dashboard__Admin__User", "admin")
            .WithEnvironment("Dashboard__Admin__Password", adminToken)
            .WithEnvironment("SignIn__ForwardingKey", forwardingKey);
        var sidecar = builder.AddProject<Projects.Sidecar>("sidecar")
            .WithHttpEndpoint(port: settings.SidecarPort, name: "http", isProxied: false)
            // The egress proxy is the Sidecar's own listener (not Kestrel's URLs), so it is a TCP endpoint.
            .WithEndpoint(port: settings.ProxyPort, name: "proxy", scheme: "tcp", isProxied: false)
            .WithProbe("/health/live");
        sidecar.WithEnvironment("Proxy__Port", sidecar.GetEndpoint("proxy").Property(EndpointProperty.TargetPort));

        var proxyUrl = ReferenceExpression.Create($"http://{sidecar.GetEndpoint("proxy").Property(EndpointProperty.HostAndPort)}");
        foreach (var service in new[] { api, dashboard, sidecar })
        {
            service
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

    private static (IResourceBuilder<IResourceWithConnectionString> Database, IResourceBuilder<IResource>? Server) Database(
        IDistributedApplicationBuilder builder, ModelSettings settings)
    {
        if (settings.ExternalDatabase)
        {
            return (builder.AddConnectionString("overseer"), null);
        }
        var password = builder.AddParameter("postgres-password", secret: true);
        if (settings.Postgres is { } launch && builder.ExecutionContext.IsRunMode)
        {
            var postgres = builder.AddExecutable("postgres", launch.Command, launch.ClusterDir, [.. launch.Args])
                .WithEndpoint(port: launch.Port, name: "tcp", scheme: "tcp", isProxied: false)
                .WithHealthCheck("postgres-ready");
            var ready = new PostgresReadyCheck(launch, "overseer");
            builder.Services.AddHealthChecks().AddCheck("postgres-ready", new PollingHealthCheck(ready.ProbeAsync, Patience, TimeProvider.System));
            var endpoint = postgres.GetEndpoint("tcp");
            var connection = builder.AddConnectionString("overseer", ReferenceExpression.Create(
                $"Host=127.0.0.1;Port={endpoint.Property(EndpointProperty.Port)};Username=overseer;Password={password};Database=overseer"));
            return (connection, postgres.AsResource());
        }
        // Published (or run where a container runtime answers): Aspire's PostgreSQL container and its database.
        // Tag 16, as the kustomize base's StatefulSet (docs/publish.md).
        var container = builder.AddPostgres("postgres", password: password).WithImageTag("16");
        return (container.AddDatabase("overseer"), container.AsResource());
    }

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
