using System.Text.Json;
using System.Text.Json.Serialization;
using Overseer.Contracts.Problems;

namespace Overseer.Contracts.Queues;

/// <summary>Source-generated JSON metadata of the queue API and the runtime protocol (camelCase, like the rest of the wire).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(QueueSpec))]
[JsonSerializable(typeof(QueueDto))]
[JsonSerializable(typeof(IReadOnlyList<QueueDto>))]
[JsonSerializable(typeof(EnqueueItem))]
[JsonSerializable(typeof(List<EnqueueItem>))]
[JsonSerializable(typeof(EnqueuedDto))]
[JsonSerializable(typeof(IReadOnlyList<QueueItemDto>))]
[JsonSerializable(typeof(QueueItemDto))]
[JsonSerializable(typeof(QueueTokenRequest))]
[JsonSerializable(typeof(CreatedQueueTokenDto))]
[JsonSerializable(typeof(ImportResultDto))]
[JsonSerializable(typeof(ClaimRequest))]
[JsonSerializable(typeof(ClaimResponse))]
[JsonSerializable(typeof(LeasesRequest))]
[JsonSerializable(typeof(ExtendResponse))]
[JsonSerializable(typeof(AckResponse))]
[JsonSerializable(typeof(NackRequest))]
[JsonSerializable(typeof(NackResponse))]
[JsonSerializable(typeof(ReleaseResponse))]
[JsonSerializable(typeof(ProblemDto))]
public sealed partial class QueuesJsonContext : JsonSerializerContext;
