using System.Net;

namespace Overseer.Sidecar.Proxy;

/// <summary>Compiled allow and deny rules, immutable; <see cref="ProxyRules"/> swaps whole sets on reload.</summary>
public sealed class RuleSet(IReadOnlyList<EgressRule> allow, IReadOnlyList<EgressRule> deny)
{
    /// <summary>No rules: everything is denied.</summary>
    public static RuleSet Empty { get; } = new([], []);

    /// <summary>Allow rules.</summary>
    public IReadOnlyList<EgressRule> Allow => allow;

    /// <summary>Deny rules.</summary>
    public IReadOnlyList<EgressRule> Deny => deny;

    /// <summary>The first deny rule matching the target, if any.</summary>
    public EgressRule? DeniedBy(ProxyTarget target) => deny.FirstOrDefault(r => r.Matches(target));

    /// <summary>The first allow rule matching the target, if any.</summary>
    public EgressRule? AllowedBy(ProxyTarget target) => allow.FirstOrDefault(r => r.Matches(target));

    /// <summary>The first deny address rule covering a resolved address (IPv4-mapped addresses are also judged as IPv4).</summary>
    public EgressRule? AddressDeniedBy(IPAddress address, int port) =>
        deny.FirstOrDefault(r => r.Covers(address, port) || (address.IsIPv4MappedToIPv6 && r.Covers(address.MapToIPv4(), port)));

    /// <summary>The first allow address rule covering a resolved address exactly as resolved (the explicit allow a non-public address needs).</summary>
    public EgressRule? AddressAllowedBy(IPAddress address, int port) => allow.FirstOrDefault(r => r.Covers(address, port));
}
