using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Overseer.KubeSim.Hosting;
using Overseer.KubeSim.Store;

namespace Overseer.KubeSim.Api;

/// <summary>Reads of namespaced resources: get, list (selectors, limit/continue), and dispatch of every resource verb.</summary>
public sealed class ResourceApi(SimCluster cluster)
{
    private readonly WriteApi _writes = new(cluster);
    private readonly WatchStreamer _watches = new(cluster);
    private readonly PodLogApi _logs = new(cluster);

    /// <summary>Serves one resource request.</summary>
    public Task HandleAsync(HttpContext context, ApiRequest request)
    {
        if (request.Kind == ResourceKinds.Namespaces)
        {
            return NamespacesAsync(context, request);
        }
        if (request.Namespace is null && request.Verb is not ("list" or "watch"))
        {
            throw new SimApiException(404, "NotFound", "the server could not find the requested resource");
        }
        return (request.Verb, request.Subresource) switch
        {
            ("get", "log") when request.Kind == ResourceKinds.Pods => _logs.HandleAsync(context, request.Namespace!, request.Name!),
            ("get", null or "status") => GetAsync(context, request),
            ("list", null) => ListAsync(context, request),
            ("watch", null) => _watches.HandleAsync(context, request),
            ("create", null) => _writes.CreateAsync(context, request),
            ("update", null) => _writes.UpdateAsync(context, request),
            ("patch", null) => _writes.PatchAsync(context, request),
            ("delete", null) => _writes.DeleteAsync(context, request),
            _ => throw new SimApiException(405, "MethodNotAllowed",
                $"the server does not allow this method on the requested resource ({request.Verb} {request.Resource})"),
        };
    }

    private Task GetAsync(HttpContext context, ApiRequest request)
    {
        var stored = cluster.Store.Get(request.Kind, request.Namespace!, request.Name!) ?? throw SimApiException.NotFound(request.Kind, request.Name!);
        return TableWriter.Wants(context.Request)
            ? SimJson.WriteAsync(context, 200, TableWriter.Table(request.Kind, [stored], stored.ResourceVersion, null, cluster.Store.Time))
            : SimJson.WriteAsync(context, 200, stored.Json);
    }

    private Task ListAsync(HttpContext context, ApiRequest request)
    {
        var query = context.Request.Query;
        var labels = LabelSelector.Parse(query["labelSelector"]);
        var fields = FieldSelector.Parse(query["fieldSelector"], request.Kind);
        var limit = int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l > 0 ? l : (int?)null;
        string? token = query["continue"];
        List<StoredObject> items;
        long revision;
        int offset;
        string snapshotId;
        if (!string.IsNullOrEmpty(token))
        {
            (snapshotId, items, revision, offset) = cluster.ContinueTokens.Resolve(token, cluster.Store.Compacted);
        }
        else
        {
            (items, revision) = cluster.Store.List(request.Kind, request.Namespace, o => labels.Matches(o.Node) && fields.Matches(o.Node));
            offset = 0;
            snapshotId = "";
        }
        var page = limit is { } n ? items.Skip(offset).Take(n).ToList() : items.Skip(offset).ToList();
        var next = offset + page.Count;
        string? nextToken = null;
        long? remaining = null;
        if (limit is not null && next < items.Count)
        {
            nextToken = snapshotId.Length == 0 ? cluster.ContinueTokens.Save(items, revision, next) : ContinueTokens.Token(snapshotId, next);
            remaining = items.Count - next;
        }
        return TableWriter.Wants(context.Request)
            ? SimJson.WriteAsync(context, 200, TableWriter.Table(request.Kind, page, revision, nextToken, cluster.Store.Time))
            : SimJson.WriteAsync(context, 200, ListWriter.Write(request.Kind, page, revision, nextToken, remaining));
    }

    private Task NamespacesAsync(HttpContext context, ApiRequest request)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal) { "default", "kube-system" };
        foreach (var kind in ResourceKinds.All.Where(k => k.Namespaced))
        {
            names.UnionWith(cluster.Store.List(kind, null).Items.Select(o => o.Namespace));
        }
        JsonObject Namespace(string name) => new()
        {
            ["kind"] = "Namespace",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["kubernetes.io/metadata.name"] = name } },
            ["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") },
            ["status"] = new JsonObject { ["phase"] = "Active" },
        };
        return request.Verb switch
        {
            "get" => SimJson.WriteAsync(context, 200, Namespace(request.Name!)),
            "list" => SimJson.WriteAsync(context, 200, new JsonObject
            {
                ["kind"] = "NamespaceList",
                ["apiVersion"] = "v1",
                ["metadata"] = new JsonObject { ["resourceVersion"] = cluster.Store.Revision.ToString(CultureInfo.InvariantCulture) },
                ["items"] = new JsonArray([.. names.Select(n => (JsonNode)Namespace(n))]),
            }),
            _ => throw new SimApiException(405, "MethodNotAllowed", $"namespaces are read-only in KubeSim ({request.Verb})"),
        };
    }
}
