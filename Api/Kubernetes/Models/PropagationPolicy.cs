namespace Overseer.Api.Kubernetes.Models;

/// <summary>What happens to an object's dependents (a Job's pods) when it is deleted.</summary>
public static class PropagationPolicy
{
    /// <summary>Delete the object now; the garbage collector deletes dependents afterwards.</summary>
    public const string Background = "Background";

    /// <summary>Delete dependents first; the object goes when they are gone.</summary>
    public const string Foreground = "Foreground";

    /// <summary>Keep dependents (the default for batch/v1 Jobs, which is rarely what you want).</summary>
    public const string Orphan = "Orphan";
}
