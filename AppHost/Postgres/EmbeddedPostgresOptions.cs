namespace Overseer.AppHost.Postgres;

/// <summary>How to run an embedded PostgreSQL server.</summary>
public sealed record EmbeddedPostgresOptions
{
    /// <summary>Directory for the cluster (<c>postgres/</c>), its password and port files.</summary>
    public required string DataDir { get; init; }

    /// <summary>Database created for the app.</summary>
    public string Database { get; init; } = "overseer";

    /// <summary>Superuser created by initdb.</summary>
    public string User { get; init; } = "overseer";

    /// <summary>Extra server settings (<c>-c name=value</c>), e.g. <c>fsync=off</c> for throwaway test clusters.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Receives the server's log lines.</summary>
    public Action<string>? Log { get; init; }
}
