using System.CommandLine;
using Aspire.Hosting;
using Overseer.AppHost.Children;
using Overseer.AppHost.Model;
using Overseer.AppHost.Postgres;
using Overseer.AppHost.Publish;
using Overseer.AppHost.Run;

// Aspire's manifest publisher (what aspirate reads): the same app model, written instead of run.
if (args.Contains("--publisher"))
{
    var manifest = DistributedApplication.CreateBuilder(args);
    OverseerModel.AddTo(manifest, new ModelSettings());
    await manifest.Build().RunAsync();
    return 0;
}

var dataDir = new Option<string>("--data-dir") { Description = "State directory (embedded PostgreSQL, admin token)", DefaultValueFactory = _ => ".overseer" };
var apiPort = new Option<int>("--api-port") { Description = "Api port on 127.0.0.1", DefaultValueFactory = _ => 5080 };
var dashboardPort = new Option<int>("--dashboard-port") { Description = "Dashboard port on 127.0.0.1", DefaultValueFactory = _ => 5090 };
var sidecarPort = new Option<int>("--sidecar-port") { Description = "Sidecar result relay port on 127.0.0.1", DefaultValueFactory = _ => 5070 };
var proxyPort = new Option<int>("--proxy-port") { Description = "Sidecar egress proxy port on 127.0.0.1", DefaultValueFactory = _ => 5071 };
var aspirePort = new Option<int>("--aspire-port") { Description = "Aspire dashboard port on 127.0.0.1", DefaultValueFactory = _ => 18888 };
var aspireOtlpPort = new Option<int>("--aspire-otlp-port") { Description = "Aspire dashboard OTLP/HTTP port on 127.0.0.1", DefaultValueFactory = _ => 18889 };
var aspireResourcePort = new Option<int>("--aspire-resource-port") { Description = "AppHost resource service port on 127.0.0.1", DefaultValueFactory = _ => 18890 };
var executor = new Option<string>("--executor") { Description = "local or kubernetes", DefaultValueFactory = _ => "local" };
executor.AcceptOnlyFromAmong("local", "kubernetes");
var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Kubeconfig file for --executor kubernetes" };
var ns = new Option<string?>("--namespace") { Description = "Namespace for --executor kubernetes" };
var taskUser = new Option<string>("--task-user") { Description = "When run as root: the unprivileged user local tasks run as (created when missing)", DefaultValueFactory = _ => "overseer-task" };
var taskSandbox = new Option<string>("--task-sandbox") { Description = "auto (bubblewrap when installed), bwrap or none", DefaultValueFactory = _ => "auto" };
taskSandbox.AcceptOnlyFromAmong("auto", "bwrap", "none");

var run = new Command("run", "Start PostgreSQL, the Api, the Dashboard, the Sidecar and the Aspire dashboard (the default)");
var root = new RootCommand("Overseer AppHost: the Aspire app model; runs everything locally, or writes Kubernetes manifests");
foreach (var option in new Option[] { dataDir, apiPort, dashboardPort, sidecarPort, proxyPort, aspirePort, aspireOtlpPort, aspireResourcePort, executor, kubeconfig, ns, taskUser, taskSandbox })
{
    run.Options.Add(option);
    root.Options.Add(option);
}
root.Subcommands.Add(run);

Func<ParseResult, CancellationToken, Task<int>> runAction = async (parsed, ct) =>
{
    try
    {
        return await new RunCommand(new RunOptions
        {
            DataDir = parsed.GetValue(dataDir)!,
            ApiPort = parsed.GetValue(apiPort),
            DashboardPort = parsed.GetValue(dashboardPort),
            SidecarPort = parsed.GetValue(sidecarPort),
            ProxyPort = parsed.GetValue(proxyPort),
            AspirePort = parsed.GetValue(aspirePort),
            AspireOtlpPort = parsed.GetValue(aspireOtlpPort),
            AspireResourcePort = parsed.GetValue(aspireResourcePort),
            Executor = parsed.GetValue(executor)!,
            Kubeconfig = parsed.GetValue(kubeconfig),
            Namespace = parsed.GetValue(ns),
            TaskUser = parsed.GetValue(taskUser)!,
            TaskSandbox = parsed.GetValue(taskSandbox)!,
        }, new ConsoleSink(Console.Out)).RunAsync(ct);
    }
    catch (Exception e) when (e is UsageException or EmbeddedPostgresException or FileNotFoundException)
    {
        Console.Error.WriteLine("error: " + e.Message);
        return 2;
    }
};
run.SetAction(runAction);
root.SetAction(runAction);

var output = new Option<string>("--output") { Description = "Directory to write the kustomize base into (kubectl apply -k DIR)", Required = true };
var values = new Option<string?>("--values") { Description = "Values file (YAML); see docs/publish.md" };
var publish = new Command("publish", "Write Kubernetes manifests (a kustomize base) for the same resources");
publish.Options.Add(output);
publish.Options.Add(values);
publish.SetAction(parsed =>
{
    try
    {
        return new PublishCommand(new PublishOptions { OutputDir = parsed.GetValue(output)!, ValuesFile = parsed.GetValue(values) }, Console.Out).Run();
    }
    catch (PublishException e)
    {
        Console.Error.WriteLine("error: " + e.Message);
        Console.Error.WriteLine("Nothing was written.");
        return 2;
    }
});
root.Subcommands.Add(publish);

// Ctrl-C and SIGTERM belong to Aspire's host, which stops the Supervisor (and so the services, in order) first.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });

/// <summary>The AppHost entry point (internal: the Api's Program is the public one test hosts use).</summary>
internal partial class Program;
