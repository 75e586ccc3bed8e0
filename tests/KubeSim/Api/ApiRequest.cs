using Microsoft.AspNetCore.Http;
using Overseer.KubeSim.Store;

namespace Overseer.KubeSim.Api;

/// <summary>A resource request parsed from its path and method: resource, namespace, name, subresource, Kubernetes verb.</summary>
public sealed record ApiRequest(ResourceKind Kind, string? Namespace, string? Name, string? Subresource, string Verb)
{
    /// <summary>The resource as counted and authorized: <c>pods</c>, <c>pods/log</c>.</summary>
    public string Resource => Subresource is null ? Kind.Plural : $"{Kind.Plural}/{Subresource}";

    /// <summary>Parses <c>/api/v1/...</c> and <c>/apis/{group}/{version}/...</c> resource paths; null when the path is not one.</summary>
    public static ApiRequest? Parse(HttpRequest request)
    {
        var parts = (request.Path.Value ?? "").Trim('/').Split('/');
        string group, version;
        int rest;
        if (parts is ["api", var v, _, ..])
        {
            (group, version, rest) = ("", v, 2);
        }
        else if (parts is ["apis", var g, var v2, _, ..])
        {
            (group, version, rest) = (g, v2, 3);
        }
        else
        {
            return null;
        }
        var tail = parts[rest..];
        string? ns = null;
        if (tail is ["namespaces", var n, _, ..])
        {
            ns = Uri.UnescapeDataString(n);
            tail = tail[2..];
        }
        var kind = ResourceKinds.Find(group, version, tail[0]);
        if (kind is null || tail.Length > 3)
        {
            return null;
        }
        var name = tail.Length > 1 ? Uri.UnescapeDataString(tail[1]) : null;
        var sub = tail.Length > 2 ? tail[2] : null;
        var watch = request.Query["watch"] is { Count: > 0 } w && w[0] is "true" or "1";
        var verb = request.Method switch
        {
            "GET" when name is null => watch ? "watch" : "list",
            "GET" => "get",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" when name is null => "deletecollection",
            "DELETE" => "delete",
            _ => request.Method.ToLowerInvariant(),
        };
        return new ApiRequest(kind, ns, name, sub, verb);
    }
}
