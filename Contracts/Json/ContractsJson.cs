using System.Text.Json;
using System.Text.Json.Serialization;

namespace Overseer.Contracts.Json;

/// <summary>The two JSON settings of the wire: strict for what clients send, lenient for what they read.</summary>
public static class ContractsJson
{
    /// <summary>For reading requests: unknown fields, duplicate keys and trailing content are errors.</summary>
    public static readonly ContractsJsonContext Strict = new(new JsonSerializerOptions(ContractsJsonContext.Default.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        MaxDepth = 32,
    });

    /// <summary>For reading responses: tolerant of fields added by newer servers.</summary>
    public static ContractsJsonContext Lenient => ContractsJsonContext.Default;
}
