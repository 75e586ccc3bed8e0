using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Overseer.Api.Queues;

/// <summary>Finds what pool processes need: the built Worker, the <c>dotnet</c> host to run it, and this Api's address.</summary>
public sealed class WorkerLocator(IOptions<QueueOptions> options, IConfiguration configuration, IServer server)
{
    /// <summary>Path of <c>Overseer.Worker.dll</c>; <see cref="QueueOptions.WorkerPath"/> wins over the path recorded at build time.</summary>
    public string WorkerDll()
    {
        var path = options.Value.WorkerPath is { Length: > 0 } configured
            ? configured
            : typeof(WorkerLocator).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "OverseerProject:worker")?.Value;
        if (path is null)
        {
            throw new InvalidOperationException("The Worker's location is unknown: set Queues:WorkerPath to the built Overseer.Worker.dll.");
        }
        path = Path.GetFullPath(path);
        return File.Exists(path) ? path : throw new FileNotFoundException(
            $"The Worker is not built at {path}: run 'dotnet build' or set Queues:WorkerPath.", path);
    }

    /// <summary>The <c>dotnet</c> host running this process (the runtime's root), or <c>dotnet</c> from PATH.</summary>
    public static string DotnetHost()
    {
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var candidate = Path.Combine(root, "dotnet");
        return File.Exists(candidate) ? candidate : "dotnet";
    }

    /// <summary>The base address pool processes use to reach this Api, ending in '/'.</summary>
    public string ApiUrl()
    {
        var url = options.Value.ApiUrl is { Length: > 0 } configured ? configured
            : configuration["services:api:http:0"] is { Length: > 0 } aspire ? aspire
            : server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("This Api's address is unknown: set Queues:ApiUrl.");
        var uri = new UriBuilder(url);
        if (uri.Host is "0.0.0.0" or "[::]" or "::" or "+" or "*")
        {
            uri.Host = "127.0.0.1";
        }
        var text = uri.Uri.ToString();
        return text.EndsWith('/') ? text : text + "/";
    }
}
