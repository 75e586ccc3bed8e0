using System.Text.Json.Nodes;

namespace Overseer.AppHost.Publish.Manifests;

/// <summary>One Kubernetes object to write, as a JSON tree; it goes to its own file.</summary>
internal sealed record KubeObject(string ApiVersion, string Kind, string Name, JsonObject Body)
{
    /// <summary>Builds the object with <c>apiVersion</c>, <c>kind</c> and <c>metadata</c> first, then <paramref name="rest"/>.</summary>
    public static KubeObject Create(string apiVersion, string kind, string name, string? ns, JsonObject labels, params (string Key, JsonNode? Value)[] rest)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }
        metadata["labels"] = labels;
        var body = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = metadata };
        foreach (var (key, value) in rest)
        {
            body[key] = value;
        }
        return new(apiVersion, kind, name, body);
    }

    /// <summary>File name inside the output directory, e.g. <c>deployment-overseer-api.yaml</c>.</summary>
    public string FileName => $"{Kind.ToLowerInvariant()}-{Name}.yaml";
}
