using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Overseer.Contracts.Users;

namespace Overseer.Api.Users;

/// <summary>
/// The address a sign-in is throttled under: the connection's peer, or the browser's address the Dashboard forwards
/// (<see cref="ClientAddressForwarding"/>) when the request carries the shared forwarding key. IPv6 addresses count by
/// their /64, which one host usually has whole.
/// </summary>
internal static class ClientAddress
{
    /// <summary>The client's address; <paramref name="forwarded"/> says whether a forwarded one was believed (null: none was sent).</summary>
    public static string Of(HttpContext http, string? forwardingKey, out bool? forwarded)
    {
        var headers = http.Request.Headers;
        var peer = http.Connection.RemoteIpAddress is { } remote ? Normalize(remote) : "unknown";
        if (!headers.TryGetValue(ClientAddressForwarding.AddressHeader, out var claimed))
        {
            forwarded = null;
            return peer;
        }
        IPAddress? browser = null;
        forwarded = !string.IsNullOrEmpty(forwardingKey)
            && headers[ClientAddressForwarding.KeyHeader] is [{ } key]
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(forwardingKey))
            && claimed is [{ } value]
            && IPAddress.TryParse(value, out browser);
        return forwarded == true ? Normalize(browser!) : peer;
    }

    private static string Normalize(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6 || IPAddress.IsLoopback(address))
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
