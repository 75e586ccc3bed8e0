namespace Overseer.Contracts.Tasks;

/// <summary>What to run: one AgentTask, submitted to <c>POST /api/v1/tasks</c>.</summary>
public sealed record TaskSpec
{
    /// <summary>Default for <see cref="TimeoutSeconds"/>.</summary>
    public const int DefaultTimeoutSeconds = 180;

    /// <summary>A DNS-1123 label (lower-case letters, digits and '-', at most 63 characters).</summary>
    public string Name { get; set; } = "";

    /// <summary>Container image. Optional for the local executor, which records and ignores it.</summary>
    public string? Image { get; set; }

    /// <summary>Program and its leading arguments. When empty, <see cref="Args"/> is the whole command line.</summary>
    public IReadOnlyList<string> Command { get; set; } = [];

    /// <summary>Arguments appended to <see cref="Command"/>.</summary>
    public IReadOnlyList<string> Args { get; set; } = [];

    /// <summary>Environment variables for the task's process.</summary>
    public IReadOnlyDictionary<string, string> Env { get; set; } = new Dictionary<string, string>();

    /// <summary>
    /// Variables whose value is a key of a Secret or ConfigMap, by variable name. Only the reference passes through
    /// Overseer: on Kubernetes it becomes the runner's <c>valueFrom</c>; the local executor reads
    /// <c>&lt;secrets or configmaps dir&gt;/&lt;name&gt;/&lt;key&gt;</c> when the attempt starts.
    /// </summary>
    public IReadOnlyDictionary<string, ValueFromSpec> ValueFrom { get; set; } = new Dictionary<string, ValueFromSpec>();

    /// <summary>
    /// The names of <see cref="Env"/> and <see cref="ValueFrom"/> in declaration order, which is the order of the
    /// container's <c>env</c> list: the kubelet expands <c>$(VAR)</c> in a value only against variables listed before
    /// it. Optional: when empty it is filled at submission with the <see cref="Env"/> names in the order sent, then the
    /// <see cref="ValueFrom"/> names. Workflows fill it with the compiled order.
    /// </summary>
    public IReadOnlyList<string> EnvOrder { get; set; } = [];

    /// <summary>Whole Secrets or ConfigMaps as variables (Kubernetes <c>envFrom</c>), by reference like <see cref="ValueFrom"/>.</summary>
    public IReadOnlyList<EnvFromSpec> EnvFrom { get; set; } = [];

    /// <summary>Working directory of the task's process (absolute path).</summary>
    public string? WorkingDir { get; set; }

    /// <summary>Maximum run time of one attempt, 1..604800 seconds (7 days) and at most the deployment's maximum; the deployment's default (180) when omitted.</summary>
    public int? TimeoutSeconds { get; set; }

    /// <summary>How many times a failed or timed-out attempt is retried, 0..20; 0 when omitted.</summary>
    public int? Retries { get; set; }

    /// <summary>Delay between retries.</summary>
    public BackoffSpec? Backoff { get; set; }

    /// <summary>Labels, copied onto the Kubernetes Job and usable in searches.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; set; } = new Dictionary<string, string>();

    /// <summary>Annotations, copied onto the Kubernetes Job.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; set; } = new Dictionary<string, string>();

    /// <summary>Kubernetes resource requests and limits of the runner container.</summary>
    public ResourceSpec? Resources { get; set; }

    /// <summary>Names of Secrets the task's pod pulls its image with (added to the executor's own); used by the Kubernetes executor.</summary>
    public IReadOnlyList<string> ImagePullSecrets { get; set; } = [];

    /// <summary>Kubernetes node selector of the task's pod.</summary>
    public IReadOnlyDictionary<string, string> NodeSelector { get; set; } = new Dictionary<string, string>();

    /// <summary>Kubernetes tolerations of the task's pod.</summary>
    public IReadOnlyList<TolerationSpec> Tolerations { get; set; } = [];
}
