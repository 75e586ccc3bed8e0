using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Overseer.KubeSim.Hosting;
using Overseer.KubeSim.Store;

namespace Overseer.KubeSim.Api;

/// <summary>Create, update (PUT with optimistic concurrency) and delete (grace periods, propagation policies).</summary>
public sealed class WriteApi(SimCluster cluster)
{
    private static readonly string[] FixedMetadata = ["name", "namespace", "uid", "creationTimestamp", "resourceVersion", "deletionTimestamp"];

    /// <summary>POST: defaults, validates and stores a new object (201), or answers 409 AlreadyExists / 422 Invalid.</summary>
    public async Task CreateAsync(HttpContext context, ApiRequest request)
    {
        var obj = await SimJson.ReadObjectAsync(context);
        CheckType(request.Kind, obj);
        var meta = SimJson.Meta(obj);
        if (SimJson.Str(meta, "namespace") is { } ns && ns != request.Namespace)
        {
            throw SimApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
        obj.Remove("status");
        ObjectDefaults.Apply(request.Kind, obj);
        ObjectRules.Validate(request.Kind, obj);
        if (context.Request.Query["dryRun"] == "All")
        {
            await SimJson.WriteAsync(context, 201, obj);
            return;
        }
        var stored = cluster.Store.Create(request.Kind, request.Namespace!, obj,
            request.Kind == ResourceKinds.Jobs ? ObjectDefaults.JobIdentity : null);
        if (cluster.Faults.TakeDropCreate())
        {
            // The object exists, but the client never learns it: the connection drops instead of answering.
            context.Response.StatusCode = 201;
            (context.Items[Hosting.SimPipeline.RecordKey] as Action)?.Invoke();
            context.Abort();
            return;
        }
        await SimJson.WriteAsync(context, 201, stored.Json);
    }

    /// <summary>PUT: replaces the object; a resourceVersion that is not the stored one is a 409 Conflict. Status is kept (it has its own subresource).</summary>
    public async Task UpdateAsync(HttpContext context, ApiRequest request)
    {
        var obj = await SimJson.ReadObjectAsync(context);
        CheckType(request.Kind, obj);
        var meta = SimJson.Meta(obj);
        var name = SimJson.Str(meta, "name");
        if (name != request.Name)
        {
            throw SimApiException.BadRequest($"the name of the object ({name}) does not match the name on the URL ({request.Name})");
        }
        var current = cluster.Store.Get(request.Kind, request.Namespace!, request.Name!) ?? throw SimApiException.NotFound(request.Kind, request.Name!);
        if (current.Node["status"] is { } status)
        {
            obj["status"] = status.DeepClone();
        }
        else
        {
            obj.Remove("status");
        }
        if (request.Kind == ResourceKinds.Jobs && current.Node["spec"]?["template"]?.ToJsonString() != obj["spec"]?["template"]?.ToJsonString())
        {
            var errors = new FieldErrors();
            errors.Invalid("spec.template", null, "field is immutable");
            throw errors.ToException(request.Kind, request.Name!);
        }
        ObjectRules.Validate(request.Kind, obj);
        var stored = cluster.Store.Replace(request.Kind, request.Namespace!, request.Name!, obj, SimJson.Str(meta, "resourceVersion"));
        await SimJson.WriteAsync(context, 200, stored.Json);
    }

    /// <summary>
    /// PATCH with a JSON merge patch (the only patch type KubeSim speaks; others are 415). The same rules as an update
    /// apply (a Job's template is immutable); status, identity and name cannot be patched here.
    /// </summary>
    public async Task PatchAsync(HttpContext context, ApiRequest request)
    {
        if (context.Request.ContentType?.Split(';')[0].Trim() != "application/merge-patch+json")
        {
            throw new SimApiException(415, "UnsupportedMediaType",
                $"the body of the request was in an unknown format ({context.Request.ContentType}); KubeSim accepts application/merge-patch+json");
        }
        var patch = await SimJson.ReadObjectAsync(context);
        var stored = cluster.Store.Mutate(request.Kind, request.Namespace!, request.Name!, obj =>
        {
            var before = obj.DeepClone().AsObject();
            MergePatch.Apply(obj, patch);
            obj["status"] = before["status"]?.DeepClone();
            obj["metadata"] = obj["metadata"] as JsonObject ?? new JsonObject();
            foreach (var field in FixedMetadata)
            {
                obj["metadata"]![field] = before["metadata"]?[field]?.DeepClone();
            }
            CheckType(request.Kind, obj);
            if (request.Kind == ResourceKinds.Jobs && before["spec"]?["template"]?.ToJsonString() != obj["spec"]?["template"]?.ToJsonString())
            {
                var errors = new FieldErrors();
                errors.Invalid("spec.template", null, "field is immutable");
                throw errors.ToException(request.Kind, request.Name!);
            }
            ObjectRules.Validate(request.Kind, obj);
            return true;
        }) ?? throw SimApiException.NotFound(request.Kind, request.Name!);
        await SimJson.WriteAsync(context, 200, stored.Json);
    }

    /// <summary>DELETE: options from the body or the query (propagationPolicy, gracePeriodSeconds).</summary>
    public async Task DeleteAsync(HttpContext context, ApiRequest request)
    {
        JsonObject? options = null;
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            options = await SimJson.ReadObjectAsync(context);
        }
        var query = context.Request.Query;
        var propagation = SimJson.Str(options, "propagationPolicy") ?? query["propagationPolicy"].FirstOrDefault();
        if (options?["orphanDependents"]?.GetValue<bool>() == true)
        {
            propagation ??= "Orphan";
        }
        if (propagation is not (null or "Orphan" or "Background" or "Foreground"))
        {
            throw SimApiException.BadRequest($"propagationPolicy: Unsupported value: \"{propagation}\": supported values: \"Foreground\", \"Background\", \"Orphan\"");
        }
        var grace = SimJson.Int(options, "gracePeriodSeconds")
            ?? (long.TryParse(query["gracePeriodSeconds"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var g) ? g : null);
        var result = cluster.Deleter.Delete(request.Kind, request.Namespace!, request.Name!, propagation, grace);
        await SimJson.WriteAsync(context, 200, result.Json);
    }

    private static void CheckType(ResourceKind kind, JsonObject obj)
    {
        var apiVersion = SimJson.Str(obj, "apiVersion");
        var objKind = SimJson.Str(obj, "kind");
        if ((apiVersion is not null && apiVersion != kind.ApiVersion) || (objKind is not null && objKind != kind.Kind))
        {
            throw SimApiException.BadRequest(
                $"the API version in the data ({apiVersion}) does not match the expected API version ({kind.ApiVersion}) or kind ({objKind}) is not {kind.Kind}");
        }
    }
}
