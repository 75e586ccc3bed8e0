using System.Diagnostics;

namespace Overseer.AppHost.Postgres;

/// <summary>Finds the PostgreSQL server binaries (initdb, postgres) on this machine.</summary>
public static class PostgresBinaries
{
    /// <summary>How to get binaries, for error messages.</summary>
    public const string InstallHint =
        "Install the PostgreSQL server (Debian/Ubuntu: 'sudo apt-get install postgresql'), set OVERSEER_PG_BIN to its bin directory, " +
        "use an existing server: export ConnectionStrings__overseer='Host=...;Username=...;Password=...;Database=overseer', " +
        "or run Docker or Podman (AppHost then runs Aspire's PostgreSQL container).";

    /// <summary>The directory holding <c>initdb</c> and <c>postgres</c>, or null when none is found.</summary>
    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable("OVERSEER_PG_BIN") is { Length: > 0 } chosen)
        {
            // An explicit choice is never second-guessed: a wrong one is an error, not a reason to look elsewhere.
            return IsBinDir(chosen) ? chosen : null;
        }
        var candidates = new List<string?> { FromPgConfig() };
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        }
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries));
        return candidates.FirstOrDefault(d => !string.IsNullOrEmpty(d) && IsBinDir(d));
    }

    private static bool IsBinDir(string dir) => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "postgres"));

    private static string? FromPgConfig()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pg_config", "--bindir") { RedirectStandardOutput = true, RedirectStandardError = true });
            if (process is null)
            {
                return null;
            }
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
