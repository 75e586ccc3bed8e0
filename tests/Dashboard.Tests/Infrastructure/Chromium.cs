namespace Overseer.Dashboard.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium (test.sh installs it; Playwright's own browser download does not work here). The flags keep it
/// from reaching out to Google's services, which this machine's closed network refuses.
/// </summary>
public static class Chromium
{
    /// <summary>The browser binary (<c>OVERSEER_CHROMIUM</c> overrides it).</summary>
    public static string Path => Environment.GetEnvironmentVariable("OVERSEER_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Launch flags.</summary>
    public static readonly string[] Flags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];
}
