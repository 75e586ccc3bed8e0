using Microsoft.Extensions.Options;
using Overseer.Api.StateMachine;
using Overseer.ServiceDefaults.Posix;

namespace Overseer.Api.Execution.Local;

/// <summary>
/// The per-attempt working directories of local tasks: <c>&lt;root&gt;/&lt;task&gt;-&lt;attempt&gt;</c>, mode 0700 and owned by the
/// task user, under a work root of this instance (mode 0711: a task reaches its own directory by name and cannot list
/// the others). Removed when the attempt ends.
/// </summary>
public sealed class AttemptWorkDirs : IDisposable
{
    private readonly TaskIsolation _isolation;
    private readonly bool _ownsRoot;

    /// <summary>Creates (or tightens) the work root: <see cref="ExecutorOptions.WorkRoot"/>, else a fresh temp directory.</summary>
    public AttemptWorkDirs(IOptions<ExecutorOptions> options, TaskIsolation isolation)
    {
        _isolation = isolation;
        if (options.Value.WorkRoot is { Length: > 0 } root)
        {
            Root = PrivateFiles.CreateDirectory(Path.GetFullPath(root), PrivateFiles.Traversable);
        }
        else
        {
            Root = PrivateFiles.CreateDirectory(Directory.CreateTempSubdirectory("overseer-work-").FullName, PrivateFiles.Traversable);
            _ownsRoot = true;
        }
    }

    /// <summary>The work root.</summary>
    public string Root { get; }

    /// <summary>Creates the working directory of <paramref name="key"/> for the task user; throws <see cref="AttemptStartException"/> when it cannot.</summary>
    public string Create(AttemptKey key)
    {
        var dir = Path.Combine(Root, $"{key.TaskId:N}-{key.Attempt}");
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true); // left by an Api that was killed: start clean
            }
            Directory.CreateDirectory(dir, PrivateFiles.Directory);
            _isolation.Own(dir);
            return dir;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AttemptStartException($"could not create working directory: {e.Message}");
        }
    }

    /// <summary>Removes an attempt's working directory; what cannot be removed stays (harmless, and never another task's).</summary>
    public static void Delete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort.
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsRoot)
        {
            Delete(Root);
        }
    }
}
