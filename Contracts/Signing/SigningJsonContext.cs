using System.Text.Json;
using System.Text.Json.Serialization;

namespace Overseer.Contracts.Signing;

/// <summary>Source-generated JSON metadata of the sidecar-to-Api wire types (camelCase).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, AllowDuplicateProperties = false)]
[JsonSerializable(typeof(EnrollmentRequest))]
[JsonSerializable(typeof(EnrollmentResponse))]
[JsonSerializable(typeof(ResultEnvelope))]
[JsonSerializable(typeof(RecordedResultDto))]
public sealed partial class SigningJsonContext : JsonSerializerContext;
