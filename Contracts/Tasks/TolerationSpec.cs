namespace Overseer.Contracts.Tasks;

/// <summary>A Kubernetes pod toleration.</summary>
public sealed record TolerationSpec
{
    /// <summary>Taint key; empty with operator Exists tolerates everything.</summary>
    public string? Key { get; set; }

    /// <summary><c>Exists</c> or <c>Equal</c> (the default).</summary>
    public string? Operator { get; set; }

    /// <summary>Taint value, for operator Equal.</summary>
    public string? Value { get; set; }

    /// <summary><c>NoSchedule</c>, <c>PreferNoSchedule</c>, <c>NoExecute</c>, or empty for all.</summary>
    public string? Effect { get; set; }

    /// <summary>For NoExecute: how long the pod stays bound after the taint appears.</summary>
    public long? TolerationSeconds { get; set; }
}
