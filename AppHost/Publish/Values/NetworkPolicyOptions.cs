using System.Text.Json.Nodes;

namespace Overseer.AppHost.Publish.Values;

/// <summary><c>networkPolicy.*</c>: whether NetworkPolicies are written, and who else may reach the Api.</summary>
internal sealed record NetworkPolicyOptions(bool Enabled, JsonArray ApiIngressFrom)
{
    public static NetworkPolicyOptions Read(ValuesSection s)
    {
        var enabled = s.Bool("enabled", true);
        var from = s.Json("apiIngressFrom");
        if (from is not null and not JsonArray)
        {
            s.Error("apiIngressFrom", "must be a list of NetworkPolicy peers (podSelector / namespaceSelector / ipBlock)");
        }
        var peers = from as JsonArray ?? [];
        for (var i = 0; i < peers.Count; i++)
        {
            if (peers[i] is not JsonObject peer || peer.Count == 0 || peer.Any(p => p.Key is not ("podSelector" or "namespaceSelector" or "ipBlock")))
            {
                s.Errors.Add($"{s.KeyPath("apiIngressFrom")}[{i}]", "must be a NetworkPolicy peer with podSelector, namespaceSelector and/or ipBlock");
            }
        }
        return new(enabled, peers);
    }
}
