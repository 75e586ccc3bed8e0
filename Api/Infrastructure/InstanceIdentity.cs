using System.Security.Cryptography;

namespace Overseer.Api.Infrastructure;

/// <summary>Names this Api process uniquely (host, pid, random suffix): the owner of its attempts and leases.</summary>
public sealed class InstanceIdentity
{
    /// <summary>The identity, e.g. <c>host-a/4242/3f9c1a</c>.</summary>
    public string Id { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";

    /// <inheritdoc />
    public override string ToString() => Id;
}
