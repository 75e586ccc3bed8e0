namespace Overseer.Sidecar.Proxy;

/// <summary>What kind of address an upstream resolved to.</summary>
public enum AddressClass
{
    /// <summary>An ordinary internet address.</summary>
    Public,

    /// <summary>127.0.0.0/8 or ::1: allowed only by an address rule.</summary>
    Loopback,

    /// <summary>10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7, fe80::/10, documentation and benchmark ranges: allowed only by an address rule.</summary>
    Private,

    /// <summary>::ffff:0:0/96: allowed only by an address rule.</summary>
    Mapped,

    /// <summary>Never allowed: 169.254/16 (cloud metadata), other metadata addresses, 0/8, multicast, reserved.</summary>
    Forbidden,
}
