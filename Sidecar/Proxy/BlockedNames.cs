namespace Overseer.Sidecar.Proxy;

/// <summary>Cloud metadata host names, denied before any lookup whatever the rules say.</summary>
public static class BlockedNames
{
    private static readonly string[] Names =
    [
        "metadata", "metadata.google.internal", "metadata.goog", "instance-data", "instance-data.ec2.internal",
        "metadata.azure.internal", "metadata.tencentyun.com", "metadata.platformequinix.com", "metadata.packet.net",
    ];

    /// <summary>True for a metadata name or any name below one.</summary>
    public static bool IsBlocked(string host) =>
        Names.Any(n => host == n || host.EndsWith("." + n, StringComparison.Ordinal));
}
