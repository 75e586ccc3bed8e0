namespace Overseer.Api.Kubernetes.Transport;

/// <summary>One API call: HTTP method and path, the Kubernetes verb and resource it is counted under, and an optional JSON body.</summary>
public sealed record KubernetesRequest(HttpMethod Method, string PathAndQuery, string Verb, string Resource)
{
    /// <summary>JSON body, if any.</summary>
    public byte[]? Body { get; init; }

    /// <summary>Media type of <see cref="Body"/>: JSON, or <c>application/merge-patch+json</c> for a merge patch.</summary>
    public string ContentType { get; init; } = "application/json";

    /// <summary>What the request is about, for messages: <c>get pods default/x</c>.</summary>
    public string Describe { get; init; } = "";

    /// <summary>True for verbs that may be repeated safely (get, list, watch, update with resourceVersion, delete).</summary>
    public bool IsIdempotent => Method != HttpMethod.Post && Method != HttpMethod.Patch;
}
