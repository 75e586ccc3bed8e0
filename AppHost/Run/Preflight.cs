using Overseer.AppHost.Postgres;

namespace Overseer.AppHost.Run;

/// <summary>Checks made before anything starts, each failing with a message that says what to do.</summary>
public static class Preflight
{
    /// <summary>Creates the data dir and proves it can be written.</summary>
    public static string DataDir(string dataDir)
    {
        var full = Path.GetFullPath(dataDir);
        try
        {
            Directory.CreateDirectory(full);
            var probe = Path.Combine(full, ".write-test");
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
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
