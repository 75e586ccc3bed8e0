using System.Net;

namespace Overseer.Sidecar.Proxy;

/// <summary>The policy's answer for one request.</summary>
/// <param name="Allowed">Whether to connect.</param>
/// <param name="Rule">Which rule or check decided (shown in the 403 body and logs).</param>
/// <param name="Address">The checked address to connect to, when allowed.</param>
/// <param name="Status">The status to answer when not allowed (403, or 502/504 when the name did not resolve).</param>
public sealed record EgressDecision(bool Allowed, string Rule, IPAddress? Address, int Status)
{
    /// <summary>A denial by policy.</summary>
    public static EgressDecision Deny(string rule) => new(false, rule, null, 403);
}
