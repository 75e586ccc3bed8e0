using System.Text.Json.Nodes;

namespace Overseer.KubeSim.Store;

/// <summary>One version of an object. <see cref="Node"/> is never changed after storing (read it under the store's lock, or copy it).</summary>
public sealed record StoredObject(ResourceKind Kind, string Namespace, string Name, long ResourceVersion, JsonObject Node, byte[] Json)
{
    /// <summary>The object's uid.</summary>
    public string Uid => Node["metadata"]?["uid"]?.GetValue<string>() ?? "";

    /// <summary>Store key: namespace/name.</summary>
    public string Key => $"{Namespace}/{Name}";
}
