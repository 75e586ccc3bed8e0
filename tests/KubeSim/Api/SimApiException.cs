using System.Text.Json.Nodes;

namespace Overseer.KubeSim.Api;

/// <summary>An API error, answered as a Kubernetes <c>Status</c> with <see cref="Code"/> and <see cref="Reason"/>.</summary>
public sealed class SimApiException : Exception
{
    /// <summary>Creates the error.</summary>
    public SimApiException(int code, string reason, string message, JsonObject? details = null) : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
    }

    /// <summary>Creates a 500.</summary>
    public SimApiException() : this(500, "InternalError", "internal error")
    {
    }

    /// <summary>Creates a 500.</summary>
    public SimApiException(string message) : this(500, "InternalError", message)
    {
    }

    /// <summary>Creates a 500.</summary>
    public SimApiException(string message, Exception inner) : base(message, inner)
    {
        Code = 500;
        Reason = "InternalError";
    }

    /// <summary>HTTP status code.</summary>
    public int Code { get; }

    /// <summary>Status reason (NotFound, AlreadyExists, Conflict, Expired, Invalid, Forbidden, ...).</summary>
    public string Reason { get; }

    /// <summary>Status details (name, group, kind, causes).</summary>
    public JsonObject? Details { get; }

    /// <summary>404 for a named object.</summary>
    public static SimApiException NotFound(Store.ResourceKind kind, string name) =>
        new(404, "NotFound", $"{kind.QualifiedResource} \"{name}\" not found", Named(kind, name));

    /// <summary>409 AlreadyExists.</summary>
    public static SimApiException AlreadyExists(Store.ResourceKind kind, string name) =>
        new(409, "AlreadyExists", $"{kind.QualifiedResource} \"{name}\" already exists", Named(kind, name));

    /// <summary>409 Conflict on a stale resourceVersion.</summary>
    public static SimApiException Conflict(Store.ResourceKind kind, string name) =>
        new(409, "Conflict",
            $"Operation cannot be fulfilled on {kind.QualifiedResource} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            Named(kind, name));

    /// <summary>410 Expired for a resourceVersion older than the history kept.</summary>
    public static SimApiException Gone(long requested, long oldest) =>
        new(410, "Expired", $"too old resource version: {requested} ({oldest})");

    /// <summary>400 BadRequest.</summary>
    public static SimApiException BadRequest(string message) => new(400, "BadRequest", message);

    private static JsonObject Named(Store.ResourceKind kind, string name) => new() { ["name"] = name, ["group"] = kind.Group, ["kind"] = kind.Plural };
}
