using System.Text.Json;
using System.Text.Json.Serialization;

namespace Overseer.Contracts.Json;

/// <summary>Strict and lenient settings of <see cref="AdminJsonContext"/>, as <see cref="ContractsJson"/> has for the rest.</summary>
public static class AdminJson
{
    /// <summary>For reading requests: unknown fields, duplicate keys and trailing content are errors.</summary>
    public static readonly AdminJsonContext Strict = new(new JsonSerializerOptions(AdminJsonContext.Default.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        MaxDepth = 8,
    });

    /// <summary>For reading responses: tolerant of fields added by newer servers.</summary>
    public static AdminJsonContext Lenient => AdminJsonContext.Default;
}
