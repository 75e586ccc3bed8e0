namespace Overseer.Api.Execution.Kubernetes;

/// <summary>How task Jobs are built (section <c>Kubernetes</c>, beside the client's own settings). See docs/configuration.md.</summary>
public sealed class KubernetesExecutorOptions
{
    /// <summary>ServiceAccount of job pods (no Role, token not mounted); the namespace default when empty.</summary>
    public string? JobServiceAccount { get; set; }

    /// <summary>Image of the sidecar container in every job pod.</summary>
    public string SidecarImage { get; set; } = "overseer/sidecar:latest";

    /// <summary>Default image of queue runtime pools.</summary>
    public string RuntimeImage { get; set; } = "overseer/worker:latest";

    /// <summary>Image of tasks that name none (the local executor ignores images; a cluster needs one).</summary>
    public string DefaultTaskImage { get; set; } = "debian:bookworm-slim";

    /// <summary>Pull policy of job pod containers (Kubernetes' default when empty).</summary>
    public string? ImagePullPolicy { get; set; }

    /// <summary>Names of Secrets used to pull images.</summary>
    public List<string> ImagePullSecrets { get; set; } = [];

    /// <summary>Requests and limits of the sidecar container.</summary>
    public ResourceOptions SidecarResources { get; set; } = new()
    {
        Requests = new() { ["cpu"] = "100m", ["memory"] = "128Mi" },
        Limits = new() { ["cpu"] = "200m", ["memory"] = "256Mi" },
    };

    /// <summary>Requests and limits of a runner that gives none.</summary>
    public ResourceOptions DefaultResources { get; set; } = new();

    /// <summary>Pod-level placement and annotations of job pods, as JSON (their keys cannot be configuration keys).</summary>
    public TaskPodOptions TaskPod { get; set; } = new();

    /// <summary>Labels added to every Job and pod (a task's own labels win).</summary>
    public Dictionary<string, string> JobLabels { get; set; } = [];

    /// <summary>Annotations added to every Job and pod (a task's own annotations win).</summary>
    public Dictionary<string, string> JobAnnotations { get; set; } = [];

    /// <summary>Finished Jobs are deleted by Kubernetes after this many seconds (no delete request from us).</summary>
    public int TtlSecondsAfterFinished { get; set; } = 300;

    /// <summary>
    /// A pod stuck pulling its image (ErrImagePull, ImagePullBackOff) or unable to configure its runner
    /// (CreateContainerConfigError: a referenced Secret, ConfigMap or key is missing) longer than this fails its attempt.
    /// </summary>
    public TimeSpan ImagePullBackOffLimit { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Most Jobs this process has running at once.</summary>
    public int MaxConcurrentJobs { get; set; } = 500;

    /// <summary>
    /// <c>fixed</c>: the sidecar listens on <see cref="ProxyPort"/> and <see cref="RelayPort"/> (each pod has its own network).
    /// <c>unique</c>: ports derived from the attempt, for simulators whose pods share one host network.
    /// </summary>
    public string SidecarPorts { get; set; } = "fixed";

    /// <summary>Port of the sidecar's egress proxy inside the pod.</summary>
    public int ProxyPort { get; set; } = 8080;

    /// <summary>Port of the sidecar's result relay inside the pod.</summary>
    public int RelayPort { get; set; } = 8081;

    /// <summary>User id of every container (the restricted profile requires a non-root user).</summary>
    public long RunAsUser { get; set; } = 65532;

    /// <summary>Seconds a stopping pod gets before it is killed; covers the sidecar's result delivery.</summary>
    public long TerminationGracePeriodSeconds { get; set; } = 60;

    /// <summary>Base URL of the Api as job pods reach it; <c>services__api__http__0</c> when empty.</summary>
    public string? ApiUrl { get; set; }
}
