using System.Text.Json.Serialization;
using Overseer.Api.Kubernetes.Auth;
using Overseer.Api.Kubernetes.Models;

namespace Overseer.Api.Kubernetes.Serialization;

/// <summary>Source-generated JSON metadata for every Kubernetes type the client sends or reads.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(TimeConverter)])]
[JsonSerializable(typeof(Job))]
[JsonSerializable(typeof(JobList))]
[JsonSerializable(typeof(Pod))]
[JsonSerializable(typeof(PodList))]
[JsonSerializable(typeof(Event))]
[JsonSerializable(typeof(EventList))]
[JsonSerializable(typeof(Lease))]
[JsonSerializable(typeof(LeaseList))]
[JsonSerializable(typeof(Status))]
[JsonSerializable(typeof(DeleteOptions))]
[JsonSerializable(typeof(RawWatchEvent))]
[JsonSerializable(typeof(ExecCredential))]
public sealed partial class KubernetesJsonContext : JsonSerializerContext;
