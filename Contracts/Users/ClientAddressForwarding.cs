namespace Overseer.Contracts.Users;

/// <summary>
/// How the Dashboard tells the Api which browser a sign-in comes from, so the Api throttles the browser's address and not
/// the Dashboard's. The Api believes <see cref="AddressHeader"/> only when <see cref="KeyHeader"/> carries the key both
/// share (configuration <see cref="ConfigurationKey"/>); from anyone else the header is ignored.
/// </summary>
public static class ClientAddressForwarding
{
    /// <summary>The browser's IP address, as the Dashboard saw it.</summary>
    public const string AddressHeader = "Overseer-Client-Address";

    /// <summary>The shared forwarding key.</summary>
    public const string KeyHeader = "Overseer-Forwarding-Key";

    /// <summary>Configuration key of the shared forwarding key (environment <c>SignIn__ForwardingKey</c>).</summary>
    public const string ConfigurationKey = "SignIn:ForwardingKey";
}
