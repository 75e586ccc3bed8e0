using System.Globalization;
using Overseer.KubeSim.Hosting;
using Overseer.KubeSim.Kubelet;

// KubeSim: a Kubernetes API simulator that kubectl and Overseer's client accept.
//   dotnet run --project tests/KubeSim -- --port 6443 --kubeconfig-out /tmp/kubesim.yaml [--token-auth]
//       [--namespace NS] [--image-map 'PREFIX=PROGRAM ARGS...']... [--seed N] [--history N]
// then: kubectl --kubeconfig /tmp/kubesim.yaml get jobs,pods -A
var options = new KubeSimOptions();
string? kubeconfig = null;
var tokenAuth = false;
var ns = "default";
try
{
    for (var i = 0; i < args.Length; i++)
    {
        string Value() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value");
        switch (args[i])
        {
            case "--port":
                options.Port = int.Parse(Value(), CultureInfo.InvariantCulture);
                break;
            case "--kubeconfig-out":
                kubeconfig = Value();
                break;
            case "--token-auth":
                tokenAuth = true;
                break;
            case "--namespace":
                ns = Value();
                break;
            case "--image-map":
                options.Images.Add(ImageMap.Parse(Value()));
                break;
            case "--seed":
                options.Seed = int.Parse(Value(), CultureInfo.InvariantCulture);
                break;
            case "--history":
                options.HistoryLimit = int.Parse(Value(), CultureInfo.InvariantCulture);
                break;
            default:
                throw new FormatException($"unknown option {args[i]}");
        }
    }
}
catch (FormatException e)
{
    await Console.Error.WriteLineAsync($"kubesim: {e.Message}\nusage: kubesim --port N --kubeconfig-out FILE [--token-auth] [--namespace NS] [--image-map 'PREFIX=PROGRAM ARGS'] [--seed N] [--history N]");
    return 2;
}

await using var server = await KubeSimServer.StartAsync(options, logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
if (kubeconfig is not null)
{
    server.WriteKubeconfig(kubeconfig, tokenAuth, ns);
}
Console.WriteLine($"KubeSim listening on {server.Url} ({(tokenAuth ? "token" : "client certificate")} auth)" +
    (kubeconfig is null ? "" : $"; kubeconfig: {kubeconfig}"));
await server.WaitForShutdownAsync();
return 0;
