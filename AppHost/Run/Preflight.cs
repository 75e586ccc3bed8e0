using Overseer.AppHost.Postgres;
using Overseer.ServiceDefaults.Posix;

namespace Overseer.AppHost.Run;

/// <summary>Checks made before anything starts, each failing with a message that says what to do.</summary>
public static class Preflight
{
    /// <summary>
    /// Creates the data dir and proves it can be written. It is 0711: PostgreSQL's user and the task user reach their own
    /// directories in it by name, and nobody else lists or reads it. What an older run left readable is taken back:
    /// every file 0600, every directory 0700, but PostgreSQL's cluster (its own, 0700) and the tasks' work root (0711).
    /// </summary>
    public static string DataDir(string dataDir)
    {
        var full = Path.GetFullPath(dataDir);
        try
        {
            PrivateFiles.CreateDirectory(full, PrivateFiles.Traversable);
            var probe = Path.Combine(full, ".write-test");
            PrivateFiles.WriteAllText(probe, "ok");
            File.Delete(probe);
            foreach (var entry in new DirectoryInfo(full).EnumerateFileSystemInfos())
            {
                if (entry.LinkTarget is not null || entry.Name is "postgres" or "work")
                {
                    continue;
                }
                File.SetUnixFileMode(entry.FullName, entry is DirectoryInfo ? PrivateFiles.Directory : PrivateFiles.File);
            }
            return full;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot write to the data directory '{full}': {e.Message}. Choose another with --data-dir.");
        }
    }

    /// <summary>Fails when a port is taken.</summary>
    public static void PortsFree(params (string Option, int Port)[] ports)
    {
        foreach (var (option, port) in ports)
        {
            if (port is < 1 or > 65535)
            {
                throw new UsageException($"{option} {port} is not a TCP port (1..65535).");
            }
            if (!FreePort.IsFree(port))
            {
                throw new UsageException($"Port {port} on 127.0.0.1 is already in use; stop what uses it or pass another {option}.");
            }
        }
        var duplicate = ports.GroupBy(p => p.Port).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new UsageException($"{string.Join(" and ", duplicate.Select(d => d.Option))} are both {duplicate.Key}; give each its own port.");
        }
    }
}
