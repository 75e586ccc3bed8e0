namespace Overseer.Api.Kubernetes.Models;

/// <summary>core/v1 Container.</summary>
public sealed class Container
{
    public string Name { get; set; } = "";
    public string? Image { get; set; }
    public List<string>? Command { get; set; }
    public List<string>? Args { get; set; }
    public string? WorkingDir { get; set; }
    public List<EnvFromSource>? EnvFrom { get; set; }
    public List<EnvVar>? Env { get; set; }
    public ResourceRequirements? Resources { get; set; }
    public List<VolumeMount>? VolumeMounts { get; set; }
    public string? ImagePullPolicy { get; set; }
    /// <summary><c>Always</c> on an init container makes it a native sidecar.</summary>
    public string? RestartPolicy { get; set; }
    public SecurityContext? SecurityContext { get; set; }
}
