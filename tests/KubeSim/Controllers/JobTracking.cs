using System.Text.Json.Nodes;

namespace Overseer.KubeSim.Controllers;

/// <summary>What the job controller remembers about one Job: its pods' latest states, and which finished pods it has counted.</summary>
internal sealed class JobTracking
{
    /// <summary>Latest known state of each pod, by uid, in creation order; null state once it is gone.</summary>
    public Dictionary<string, TrackedPod> Pods { get; } = new(StringComparer.Ordinal);

    /// <summary>Uids of finished pods already counted (as succeeded, failed or ignored).</summary>
    public HashSet<string> Counted { get; } = new(StringComparer.Ordinal);

    /// <summary>When the last counted failure happened (for the retry backoff).</summary>
    public DateTimeOffset? LastFailure { get; set; }
}

/// <summary>A pod as the job controller last saw it.</summary>
internal sealed class TrackedPod(string name, JsonObject node, long resourceVersion)
{
    public string Name { get; } = name;

    public JsonObject Node { get; set; } = node;

    public long ResourceVersion { get; set; } = resourceVersion;

    public bool Deleted { get; set; }
}
