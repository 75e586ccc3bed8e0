using System.Text.Json;

namespace Overseer.Contracts.Queues;

/// <summary>One item sent to <c>POST /api/v1/queues/{name}/items</c> (alone, or in an array of up to 10,000).</summary>
public sealed record EnqueueItem
{
    /// <summary>Any JSON value; the Worker passes it to the command on stdin.</summary>
    public JsonElement Payload { get; set; }

    /// <summary>Higher runs first, -1000..1000; 0 when omitted.</summary>
    public int? Priority { get; set; }

    /// <summary>Not claimed before this time.</summary>
    public DateTimeOffset? RunAt { get; set; }

    /// <summary>While an item with this key is available or claimed, enqueueing the key again returns that item.</summary>
    public string? DedupKey { get; set; }
}
