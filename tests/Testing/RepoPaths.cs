namespace Overseer.Testing;

/// <summary>Paths inside this repository and the build outputs of its projects.</summary>
public static class RepoPaths
{
    /// <summary>The repository root (the directory holding Aspire.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Build configuration of the running tests (Debug or Release), read from their output path.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    /// <summary>The built assembly of a project, e.g. <c>Built("Api", "Overseer.Api.dll")</c>.</summary>
    public static string Built(string projectDir, string assembly)
    {
        var path = Path.Combine(Root, projectDir, "bin", Configuration, "net10.0", assembly);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build {projectDir} first: {path} is missing.", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Aspire.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Aspire.sln not found above " + AppContext.BaseDirectory);
    }
}
