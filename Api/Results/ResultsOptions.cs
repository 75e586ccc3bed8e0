namespace Overseer.Api.Results;

/// <summary>Settings of result relaying (section <c>Results</c>).</summary>
public sealed class ResultsOptions
{
    /// <summary>
    /// The master key every attempt key and enrollment token is derived from: base64 or base64url, at least 32 bytes.
    /// AppHost generates one into its data dir. When neither this nor <see cref="MasterKeyFile"/> is set, a random key
    /// is made at start (keys handed out before a restart then stop verifying). Never logged.
    /// </summary>
    public string? MasterKey { get; set; }

    /// <summary>A file holding the master key (e.g. a mounted Kubernetes secret); used when <see cref="MasterKey"/> is empty.</summary>
    public string? MasterKeyFile { get; set; }

    /// <summary>Largest accepted difference between a signed timestamp and the Api's clock.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>Largest signed request body (a result envelope with its files, base64).</summary>
    public long MaxBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Most files one result may carry.</summary>
    public int MaxFiles { get; set; } = 256;

    /// <summary>How often nonces past their retention are deleted.</summary>
    public TimeSpan NonceSweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}
