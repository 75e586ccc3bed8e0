using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Overseer.KubeSim.Api;

/// <summary>Writing JSON answers and Kubernetes <c>Status</c> objects.</summary>
public static class SimJson
{
    /// <summary>Writes raw JSON with a status code.</summary>
    public static async Task WriteAsync(HttpContext context, int code, byte[] json)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = json.Length;
        await context.Response.Body.WriteAsync(json, context.RequestAborted);
    }

    /// <summary>Writes a node with a status code.</summary>
    public static Task WriteAsync(HttpContext context, int code, JsonNode node) =>
        WriteAsync(context, code, JsonSerializer.SerializeToUtf8Bytes(node));

    /// <summary>A failure Status as the API server writes it.</summary>
    public static JsonObject FailureStatus(int code, string reason, string message, JsonObject? details = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is not null)
        {
            status["details"] = details;
        }
        status["code"] = code;
        return status;
    }

    /// <summary>Writes an error as a Status.</summary>
    public static Task WriteErrorAsync(HttpContext context, SimApiException error) =>
        WriteAsync(context, error.Code, FailureStatus(error.Code, error.Reason, error.Message, error.Details?.DeepClone().AsObject()));

    /// <summary>Parses a request body as a JSON object; protobuf (which kubectl's generators such as <c>create secret</c> send) is a 415, anything else a 400.</summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpContext context)
    {
        if (context.Request.ContentType?.Contains("protobuf", StringComparison.Ordinal) == true)
        {
            throw new SimApiException(415, "UnsupportedMediaType",
                "the body of the request was in an unknown format - accepted media types include: application/json (KubeSim does not read protobuf)");
        }
        try
        {
            var node = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            return node as JsonObject ?? throw SimApiException.BadRequest("the body of the request was in an unknown format - accepted media types include: application/json");
        }
        catch (JsonException e)
        {
            throw SimApiException.BadRequest($"the body of the request was not valid JSON: {e.Message}");
        }
    }

    /// <summary>A string field, or null.</summary>
    public static string? Str(JsonNode? node, string name) =>
        node?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>An integer field, or null.</summary>
    public static long? Int(JsonNode? node, string name) => node?[name] switch
    {
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<int>(out var i) => i,
        JsonValue v when v.TryGetValue<double>(out var d) => (long)d,
        _ => null,
    };

    /// <summary>The object's <c>metadata</c>, created when missing.</summary>
    public static JsonObject Meta(JsonObject obj)
    {
        if (obj["metadata"] is not JsonObject meta)
        {
            meta = new JsonObject();
            obj["metadata"] = meta;
        }
        return meta;
    }

    /// <summary>A child object, created when missing.</summary>
    public static JsonObject Child(JsonObject parent, string name)
    {
        if (parent[name] is not JsonObject child)
        {
            child = new JsonObject();
            parent[name] = child;
        }
        return child;
    }

    /// <summary>A child array, created when missing.</summary>
    public static JsonArray Array(JsonObject parent, string name)
    {
        if (parent[name] is not JsonArray array)
        {
            array = new JsonArray();
            parent[name] = array;
        }
        return array;
    }
}
