using System.Text.Json;
using System.Text.Json.Serialization;

namespace Overseer.Contracts.Queues;

/// <summary>The two JSON settings of the queue wire: strict for what clients send, lenient for what they read.</summary>
public static class QueuesJson
{
    /// <summary>For reading requests: unknown fields, duplicate keys and trailing content are errors.</summary>
    public static readonly QueuesJsonContext Strict = new(new JsonSerializerOptions(QueuesJsonContext.Default.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        MaxDepth = 64,
    });

    /// <summary>For reading responses: tolerant of fields added by newer servers.</summary>
    public static QueuesJsonContext Lenient => QueuesJsonContext.Default;
}
