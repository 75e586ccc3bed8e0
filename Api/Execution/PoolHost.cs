namespace Overseer.Api.Execution;

/// <summary>Where a pool's processes run, which decides how they are described and how they reach the Api.</summary>
public enum PoolHost
{
    /// <summary>Child processes of this Api (the local executor).</summary>
    Local,

    /// <summary>Pods of one Kubernetes Job (the Kubernetes executor).</summary>
    Kubernetes,
}
