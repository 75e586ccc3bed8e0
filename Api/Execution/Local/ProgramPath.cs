namespace Overseer.Api.Execution.Local;

/// <summary>Finds the program a local attempt runs, as <c>execvp</c> would, before it is wrapped for isolation.</summary>
public static class ProgramPath
{
    /// <summary>
    /// The absolute path of <paramref name="program"/>: as given when it holds a '/' (relative to
    /// <paramref name="workingDir"/>), else the first executable file of that name on <paramref name="searchPath"/>.
    /// Throws <see cref="AttemptStartException"/> naming it when there is none.
    /// </summary>
    public static string Resolve(string program, string searchPath, string workingDir)
    {
        if (program.Contains('/', StringComparison.Ordinal))
        {
            var path = Path.GetFullPath(program, workingDir);
            return IsExecutable(path) ? path : throw Missing(program, File.Exists(path) ? "it is not an executable file" : "no such file");
        }
        foreach (var dir in searchPath.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, program);
            if (IsExecutable(candidate))
            {
                return candidate;
            }
        }
        throw Missing(program, "not found on PATH");
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path) && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;

    private static AttemptStartException Missing(string program, string why) => new($"could not start '{program}': {why}");
}
