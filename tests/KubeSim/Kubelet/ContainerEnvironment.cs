using System.Text;
using System.Text.Json.Nodes;
using Overseer.KubeSim.Api;
using Overseer.KubeSim.Store;

namespace Overseer.KubeSim.Kubelet;

/// <summary>
/// A container's environment: a few host variables, the image mapping's, then as Kubernetes builds it: <c>envFrom</c> sources in
/// order, then <c>env</c> (literals with <c>$(VAR)</c> expansion, the downward API, ConfigMap and Secret keys), later entries winning.
/// </summary>
public static class ContainerEnvironment
{
    private static readonly string[] Inherited = ["PATH", "HOME", "LANG", "TMPDIR", "DOTNET_ROOT", "DOTNET_CLI_HOME", "DOTNET_NOLOGO"];

    /// <summary>The environment, or the reason it cannot be built (a missing ConfigMap, Secret or key the container needs).</summary>
    public static (Dictionary<string, string> Environment, string? Error) Build(JsonObject pod, JsonObject container, ImageMapping? mapping,
        IReadOnlyDictionary<string, string> volumes, string podDirectory, ConfigSources sources)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Inherited)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                env[name] = value;
            }
        }
        env["HOSTNAME"] = SimJson.Str(pod["metadata"], "name") ?? "";
        env["KUBESIM_POD_DIR"] = podDirectory;
        foreach (var mount in container["volumeMounts"] as JsonArray ?? [])
        {
            var volume = SimJson.Str(mount, "name") ?? "";
            if (volumes.TryGetValue(volume, out var directory))
            {
                env[$"KUBESIM_VOLUME_{volume.ToUpperInvariant().Replace('-', '_')}"] = directory;
            }
        }
        foreach (var (name, value) in mapping?.Environment ?? new Dictionary<string, string>())
        {
            env[name] = value;
        }
        foreach (var from in container["envFrom"] as JsonArray ?? [])
        {
            var (kind, reference) = from?["secretRef"] is { } secret ? (ResourceKinds.Secrets, secret) : (ResourceKinds.ConfigMaps, from?["configMapRef"]);
            if (sources.All(kind, reference, out var error) is not { } data)
            {
                return (env, error);
            }
            var prefix = SimJson.Str(from, "prefix") ?? "";
            foreach (var (name, value) in data)
            {
                env[prefix + name] = value;
            }
        }
        foreach (var item in container["env"] as JsonArray ?? [])
        {
            var name = SimJson.Str(item, "name") ?? "";
            if (item?["valueFrom"] is not JsonObject from)
            {
                env[name] = Expand(SimJson.Str(item, "value") ?? "", env);
                continue;
            }
            (ResourceKind? kind, JsonNode? reference) = from["secretKeyRef"] is { } secret ? (ResourceKinds.Secrets, secret)
                : from["configMapKeyRef"] is { } configMap ? (ResourceKinds.ConfigMaps, configMap) : (null, null);
            if (kind is null)
            {
                env[name] = FieldValue(pod, SimJson.Str(from["fieldRef"], "fieldPath") ?? "");
            }
            else if (sources.Key(kind, reference, out var error) is { } value)
            {
                env[name] = value;
            }
            else if (error is not null)
            {
                return (env, error);
            }
        }
        return (env, null);
    }

    /// <summary>Expands <c>$(VAR)</c> references to defined variables; <c>$$</c> escapes a dollar; others stay as written.</summary>
    public static string Expand(string text, IReadOnlyDictionary<string, string> env)
    {
        var result = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '$')
            {
                result.Append('$');
                i++;
            }
            else if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '(' && text.IndexOf(')', i) is var end and > 0
                     && env.TryGetValue(text[(i + 2)..end], out var value))
            {
                result.Append(value);
                i = end;
            }
            else
            {
                result.Append(text[i]);
            }
        }
        return result.ToString();
    }

    private static string FieldValue(JsonObject pod, string path)
    {
        if (path.StartsWith("metadata.labels['", StringComparison.Ordinal) || path.StartsWith("metadata.annotations['", StringComparison.Ordinal))
        {
            var map = path.StartsWith("metadata.labels", StringComparison.Ordinal) ? "labels" : "annotations";
            var key = path[(path.IndexOf('\'', StringComparison.Ordinal) + 1)..path.LastIndexOf('\'')];
            return SimJson.Str(pod["metadata"]?[map], key) ?? "";
        }
        return path switch
        {
            "metadata.name" or "metadata.namespace" or "metadata.uid" => SimJson.Str(pod["metadata"], path[9..]) ?? "",
            "spec.nodeName" or "spec.serviceAccountName" => SimJson.Str(pod["spec"], path[5..]) ?? "",
            "status.podIP" or "status.hostIP" => "127.0.0.1",
            _ => "",
        };
    }
}
