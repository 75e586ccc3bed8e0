using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Overseer.Sidecar.Proxy;

/// <summary>
/// Decides a request: metadata names, then deny rules, then allow rules on the requested host; then resolves the
/// name and checks every address (forbidden ranges always, non-public ranges unless an allow rule names their
/// address, deny address rules); the first checked address is the one to connect to, so DNS rebinding cannot switch it.
/// </summary>
public sealed class EgressPolicy(ProxyRules rules, IHostResolver resolver, IOptionsMonitor<ProxyOptions> options)
{
    /// <summary>Decides whether <paramref name="target"/> may be reached, and at which address.</summary>
    public async Task<EgressDecision> DecideAsync(ProxyTarget target, CancellationToken ct)
    {
        if (target.Literal is null && BlockedNames.IsBlocked(target.Host))
        {
            return EgressDecision.Deny($"'{target.Host}' is a cloud metadata name (always denied)");
        }
        var set = rules.Current;
        if (set.DeniedBy(target) is { } deny)
        {
            return EgressDecision.Deny($"deny rule '{deny}'");
        }
        if (set.AllowedBy(target) is null)
        {
            return EgressDecision.Deny($"'{target.Host}:{target.Port}' matches no allow rule");
        }
        IPAddress[] addresses;
        if (target.Literal is { } literal)
        {
            addresses = [literal];
        }
        else
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.CurrentValue.ConnectTimeout);
            try
            {
                addresses = await resolver.ResolveAsync(target.Host, timeout.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return new EgressDecision(false, $"resolving '{target.Host}' timed out", null, 504);
            }
            catch (SocketException)
            {
                return new EgressDecision(false, $"'{target.Host}' does not resolve", null, 502);
            }
            if (addresses.Length == 0)
            {
                return new EgressDecision(false, $"'{target.Host}' does not resolve", null, 502);
            }
        }
        foreach (var address in addresses)
        {
            if (address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
            {
                return EgressDecision.Deny($"'{target.Host}' resolved to an unsupported address");
            }
            if (AddressCheck(set, address, target.Port) is { } denial)
            {
                return EgressDecision.Deny(target.Literal is null ? $"'{target.Host}' resolved to {denial}" : denial);
            }
        }
        return new EgressDecision(true, $"allow rule '{set.AllowedBy(target)}'", addresses[0], 200);
    }

    private static string? AddressCheck(RuleSet set, IPAddress address, int port)
    {
        var (cls, what) = AddressClassifier.Classify(address);
        if (cls == AddressClass.Forbidden)
        {
            return $"{address}, which is {what} (always denied)";
        }
        if (set.AddressDeniedBy(address, port) is { } deny)
        {
            return $"{address}, denied by deny rule '{deny}'";
        }
        if (cls != AddressClass.Public && set.AddressAllowedBy(address, port) is null)
        {
            return $"{address}, which is {what} (allow it by address to reach it)";
        }
        return null;
    }
}
