namespace Overseer.Dashboard.Security;

/// <summary>Security settings of the Dashboard (section <c>Dashboard:Security</c>).</summary>
public sealed class SecurityOptions
{
    /// <summary>Sign-in attempts allowed per client address and minute (each costs the Api a password hash).</summary>
    public int SignInsPerMinute { get; set; } = 30;

    /// <summary>
    /// Directory of the data-protection key ring that encrypts the session cookie and signs antiforgery tokens. Unset,
    /// keys live in memory: fine for one replica (a restart signs everybody out), wrong for several, which must share
    /// a directory (e.g. a ReadWriteMany volume) or keep sessions sticky.
    /// </summary>
    public string? KeysDirectory { get; set; }
}
