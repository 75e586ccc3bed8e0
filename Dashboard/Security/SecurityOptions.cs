namespace Overseer.Dashboard.Security;

/// <summary>Security settings of the Dashboard (section <c>Dashboard:Security</c>).</summary>
public sealed class SecurityOptions
{
    /// <summary>Sign-in attempts allowed per client address and minute (each costs the Api a password hash).</summary>
    public int SignInsPerMinute { get; set; } = 30;
}
