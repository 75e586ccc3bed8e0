using System.Text.Json.Serialization;
using Overseer.Api.Kubernetes.Serialization;

namespace Overseer.Api.Kubernetes.Models;

/// <summary>coordination.k8s.io/v1 LeaseSpec; its times are MicroTime (exactly six fractional digits on the wire).</summary>
public sealed class LeaseSpec
{
    public string? HolderIdentity { get; set; }
    public int? LeaseDurationSeconds { get; set; }
    [JsonConverter(typeof(MicroTimeConverter))]
    public DateTimeOffset? AcquireTime { get; set; }
    [JsonConverter(typeof(MicroTimeConverter))]
    public DateTimeOffset? RenewTime { get; set; }
    public int? LeaseTransitions { get; set; }
}
