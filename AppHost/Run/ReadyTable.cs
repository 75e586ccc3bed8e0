using System.Text;
using Overseer.AppHost.Postgres;

namespace Overseer.AppHost.Run;

/// <summary>The table printed once every service is healthy: where each one answers, and where the admin token is.</summary>
public sealed record ReadyTable
{
    /// <summary>The run's options.</summary>
    public required RunOptions Options { get; init; }

    /// <summary>The data dir (absolute).</summary>
    public required string DataDir { get; init; }

    /// <summary>The admin token when this run generated it (shown once), else null.</summary>
    public string? NewToken { get; init; }

    /// <summary>The local server, or null when <c>ConnectionStrings__overseer</c> names one.</summary>
    public PostgresLaunch? Postgres { get; init; }

    /// <summary>True when PostgreSQL runs as Aspire's container (no binaries here, a container runtime answered).</summary>
    public bool PostgresContainer { get; init; }

    /// <summary>Sign-in token of the Aspire dashboard.</summary>
    public required string AspireBrowserToken { get; init; }

    /// <summary>Renders the table; <paramref name="isolation"/> is what isolates local tasks, in the Api's words.</summary>
    public string Render(string? isolation)
    {
        var o = Options;
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine("  Overseer is running (executor: " + o.Executor + "). Press Ctrl-C to stop.");
        text.AppendLine();
        text.AppendLine($"  {"api",-11}http://127.0.0.1:{o.ApiPort}");
        text.AppendLine($"  {"dashboard",-11}http://127.0.0.1:{o.DashboardPort}   (user: admin, password: the admin token)");
        text.AppendLine($"  {"aspire",-11}http://127.0.0.1:{o.AspirePort}/login?t={AspireBrowserToken}   (resources, logs, traces, metrics)");
        text.AppendLine($"  {"sidecar",-11}http://127.0.0.1:{o.SidecarPort}   (result relay)");
        text.AppendLine($"  {"proxy",-11}http://127.0.0.1:{o.ProxyPort}   (egress rules in {Path.Combine(DataDir, ProxyRulesFile.FileName)})");
        var database = Postgres is not null ? $"127.0.0.1:{Postgres.Port} (data in {Postgres.ClusterDir})"
            : PostgresContainer ? "Aspire's PostgreSQL container (data in the volume overseer-postgres-data)"
            : "from ConnectionStrings__overseer";
        text.AppendLine($"  {"postgres",-11}{database}");
        if (isolation is not null)
        {
            text.AppendLine();
            text.AppendLine($"  isolation: {isolation}");
        }
        text.AppendLine();
        // The token is printed once, by the run that generated it; later runs say where it is.
        text.AppendLine(NewToken is null
            ? $"  admin token: in {Path.Combine(DataDir, AdminToken.FileName)}"
            : $"  admin token (new, shown once): {NewToken}\n  (saved in {Path.Combine(DataDir, AdminToken.FileName)})");
        text.AppendLine();
        return text.ToString();
    }
}
