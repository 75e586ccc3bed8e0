using System.CommandLine;
using System.Runtime.InteropServices;
using Overseer.AppHost.Children;
using Overseer.AppHost.Postgres;
using Overseer.AppHost.Publish;
using Overseer.AppHost.Run;

var dataDir = new Option<string>("--data-dir") { Description = "State directory (embedded PostgreSQL, admin token)", DefaultValueFactory = _ => ".overseer" };
var apiPort = new Option<int>("--api-port") { Description = "Api port on 127.0.0.1", DefaultValueFactory = _ => 5080 };
var dashboardPort = new Option<int>("--dashboard-port") { Description = "Dashboard port on 127.0.0.1", DefaultValueFactory = _ => 5090 };
var sidecarPort = new Option<int>("--sidecar-port") { Description = "Sidecar port on 127.0.0.1", DefaultValueFactory = _ => 5070 };
var proxyPort = new Option<int>("--proxy-port") { Description = "Sidecar egress proxy port on 127.0.0.1", DefaultValueFactory = _ => 5071 };
var executor = new Option<string>("--executor") { Description = "local or kubernetes", DefaultValueFactory = _ => "local" };
executor.AcceptOnlyFromAmong("local", "kubernetes");
var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Kubeconfig file for --executor kubernetes" };
var ns = new Option<string?>("--namespace") { Description = "Namespace for --executor kubernetes" };
var taskUser = new Option<string>("--task-user") { Description = "When run as root: the unprivileged user local tasks run as (created when missing)", DefaultValueFactory = _ => "overseer-task" };
var taskSandbox = new Option<string>("--task-sandbox") { Description = "auto (bubblewrap when installed), bwrap or none", DefaultValueFactory = _ => "auto" };
taskSandbox.AcceptOnlyFromAmong("auto", "bwrap", "none");

var run = new Command("run", "Start PostgreSQL, the Api, the Dashboard and the Sidecar (the default)");
var root = new RootCommand("Overseer AppHost: runs everything locally, or writes Kubernetes manifests");
foreach (var option in new Option[] { dataDir, apiPort, dashboardPort, sidecarPort, proxyPort, executor, kubeconfig, ns, taskUser, taskSandbox })
{
    run.Options.Add(option);
    root.Options.Add(option);
}
root.Subcommands.Add(run);

Func<ParseResult, CancellationToken, Task<int>> runAction = async (parsed, _) =>
{
    var sink = new ConsoleSink(Console.Out);
    using var shutdown = new CancellationTokenSource();
    using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; shutdown.Cancel(); });
    using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; shutdown.Cancel(); });
    try
    {
        return await new RunCommand(new RunOptions
        {
            DataDir = parsed.GetValue(dataDir)!,
            ApiPort = parsed.GetValue(apiPort),
            DashboardPort = parsed.GetValue(dashboardPort),
            SidecarPort = parsed.GetValue(sidecarPort),
            ProxyPort = parsed.GetValue(proxyPort),
            Executor = parsed.GetValue(executor)!,
            Kubeconfig = parsed.GetValue(kubeconfig),
            Namespace = parsed.GetValue(ns),
            TaskUser = parsed.GetValue(taskUser)!,
            TaskSandbox = parsed.GetValue(taskSandbox)!,
        }, sink).RunAsync(shutdown.Token);
    }
    catch (Exception e) when (e is UsageException or EmbeddedPostgresException or FileNotFoundException)
    {
        Console.Error.WriteLine("error: " + e.Message);
        return 2;
    }
    catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
    {
        return 0;
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

return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });

/// <summary>The AppHost entry point (internal: the Api's Program is the public one test hosts use).</summary>
internal partial class Program;
