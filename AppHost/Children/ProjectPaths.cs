using System.Reflection;
using System.Runtime.InteropServices;

namespace Overseer.AppHost.Children;

/// <summary>Where the built Api, Dashboard, Sidecar and Worker are (recorded at build time in AppHost.csproj).</summary>
public static class ProjectPaths
{
    /// <summary>Path of the built assembly of project <paramref name="name"/> (<c>api</c>, <c>dashboard</c>, <c>sidecar</c>, <c>worker</c>).</summary>
    public static string Dll(string name)
    {
        var path = typeof(ProjectPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "OverseerProject:" + name)?.Value
            ?? throw new InvalidOperationException($"AppHost was built without the location of '{name}'.");
        path = Path.GetFullPath(path);
        return File.Exists(path) ? path : throw new FileNotFoundException(
            $"'{name}' is not built at {path}. Run 'dotnet build' (dotnet run --project AppHost builds it for you).", path);
    }

    /// <summary>The <c>dotnet</c> host that runs this process, used to start the others.</summary>
    public static string DotnetHost()
    {
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var candidate = Path.Combine(root, "dotnet");
        return File.Exists(candidate) ? candidate : "dotnet";
    }
}
