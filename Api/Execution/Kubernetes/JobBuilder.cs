using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Overseer.Api.Execution.Local;
using Overseer.Api.Kubernetes.Models;
using Overseer.Contracts.Tasks;
using Overseer.Contracts.Validation;

namespace Overseer.Api.Execution.Kubernetes;

/// <summary>
/// The one place a task attempt becomes a Job: the user's <c>runner</c> container and Overseer's sidecar (a native
/// sidecar) sharing an emptyDir at <c>/overseer</c>; <c>backoffLimit: 0</c> (the state machine owns retries), the task's
/// timeout as <c>activeDeadlineSeconds</c>, a pod failure policy that fails the Job on a disruption or a non-zero runner
/// exit (so the Job controller never starts a second pod for one attempt), TTL cleanup, and the
/// restricted Pod Security profile on every container. No secret is put in the spec: the sidecar's enrollment token is
/// one-time and useless once the sidecar has enrolled (see docs/result-signing.md).
/// </summary>
public sealed class JobBuilder
{
    /// <summary>Name of the user's container.</summary>
    public const string RunnerContainer = "runner";

    /// <summary>Name of the sidecar container.</summary>
    public const string SidecarContainer = "sidecar";

    private readonly KubernetesExecutorOptions _options;
    private readonly string _apiUrl;
    private readonly IReadOnlyList<string> _sidecarAllow;
    private readonly Dictionary<string, string> _podAnnotations;
    private readonly Dictionary<string, string> _nodeSelector;
    private readonly List<Toleration> _tolerations;
    private readonly JsonObject? _affinity;

    /// <summary>Reads the settings once; bad JSON in <c>Kubernetes:TaskPod</c> fails here, at start.</summary>
    public JobBuilder(IOptions<KubernetesExecutorOptions> options, IConfiguration configuration)
    {
        _options = options.Value;
        _apiUrl = (_options.ApiUrl ?? configuration["services:api:http:0"] ?? "http://overseer-api:8080").TrimEnd('/');
        _sidecarAllow = configuration.GetSection("Sidecar:Allow").Get<string[]>() ?? [];
        _podAnnotations = ParseMap(_options.TaskPod.Annotations, "Kubernetes:TaskPod:Annotations");
        _nodeSelector = ParseMap(_options.TaskPod.NodeSelector, "Kubernetes:TaskPod:NodeSelector");
        _tolerations = Parse(_options.TaskPod.Tolerations, "Kubernetes:TaskPod:Tolerations", n => n.AsArray()
            .Select(t => new Toleration
            {
                Key = (string?)t?["key"], Operator = (string?)t?["operator"], Value = (string?)t?["value"],
                Effect = (string?)t?["effect"], TolerationSeconds = (long?)t?["tolerationSeconds"],
            }).ToList()) ?? [];
        _affinity = Parse(_options.TaskPod.Affinity, "Kubernetes:TaskPod:Affinity", n => n.AsObject());
    }

    /// <summary>Ports of the sidecar in the pod of <paramref name="attempt"/>.</summary>
    public (int Proxy, int Relay) SidecarPorts(ClaimedAttempt attempt)
    {
        if (_options.SidecarPorts != "unique")
        {
            return (_options.ProxyPort, _options.RelayPort);
        }
        var slot = (int)((uint)HashCode.Combine(attempt.Key.TaskId, attempt.Key.Attempt) % 20_000);
        return (20_000 + 2 * slot, 20_001 + 2 * slot);
    }

    /// <summary>
    /// The Job of <paramref name="attempt"/>. A pool (<paramref name="pool"/> set) is a work-queue Job: <c>parallelism</c>
    /// pods and no <c>completions</c>, so it completes once a pod has exited 0 and all have ended.
    /// </summary>
    public Job Build(ClaimedAttempt attempt, string enrollmentToken, PoolLaunch? pool = null)
    {
        var spec = attempt.Spec;
        var name = JobNames.For(attempt.Name, attempt.Key);
        var labels = Merge(_options.JobLabels, spec.Labels);
        labels[JobLabels.Name] = "overseer";
        labels[JobLabels.Component] = attempt.Kind == "pool" ? "runtime" : "task";
        labels[JobLabels.ManagedBy] = "overseer";
        labels[JobLabels.TaskId] = attempt.Key.TaskId.ToString();
        labels[JobLabels.Attempt] = attempt.Key.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var annotations = Merge(_options.JobAnnotations, spec.Annotations);
        var podAnnotations = Merge(_podAnnotations, annotations);
        var (proxyPort, relayPort) = SidecarPorts(attempt);
        return new Job
        {
            Metadata = new ObjectMeta { Name = name, Labels = labels, Annotations = annotations.Count > 0 ? annotations : null },
            Spec = new JobSpec
            {
                BackoffLimit = 0,
                Parallelism = pool?.Parallelism,
                ActiveDeadlineSeconds = spec.TimeoutSeconds ?? TaskSpec.DefaultTimeoutSeconds,
                TtlSecondsAfterFinished = _options.TtlSecondsAfterFinished,
                PodReplacementPolicy = "Failed",
                PodFailurePolicy = new PodFailurePolicy
                {
                    Rules =
                    [
                        // A disrupted pod fails its Job instead of being replaced within the attempt: the state machine
                        // alone retries it, as a new attempt and a new Job, on the infrastructure budget.
                        new PodFailurePolicyRule { Action = "FailJob", OnPodConditions = [new PodFailurePolicyOnPodConditionsPattern { Type = KubernetesOutcomes.DisruptionTarget }] },
                        new PodFailurePolicyRule
                        {
                            Action = "FailJob",
                            OnExitCodes = new PodFailurePolicyOnExitCodesRequirement { ContainerName = RunnerContainer, Operator = "NotIn", Values = [0] },
                        },
                    ],
                },
                Template = new PodTemplateSpec
                {
                    Metadata = new ObjectMeta { Labels = new Dictionary<string, string>(labels), Annotations = podAnnotations.Count > 0 ? podAnnotations : null },
                    Spec = new PodSpec
                    {
                        RestartPolicy = "Never",
                        AutomountServiceAccountToken = false,
                        ServiceAccountName = _options.JobServiceAccount,
                        TerminationGracePeriodSeconds = _options.TerminationGracePeriodSeconds,
                        ImagePullSecrets = PullSecrets(attempt.Spec),
                        NodeSelector = Merge(_nodeSelector, spec.NodeSelector) is { Count: > 0 } selector ? selector : null,
                        Tolerations = [.. _tolerations, .. spec.Tolerations.Select(t => new Toleration
                        {
                            Key = t.Key, Operator = t.Operator, Value = t.Value, Effect = t.Effect, TolerationSeconds = t.TolerationSeconds,
                        })],
                        Affinity = _affinity?.DeepClone().AsObject(),
                        SecurityContext = new PodSecurityContext
                        {
                            RunAsNonRoot = true,
                            RunAsUser = _options.RunAsUser,
                            RunAsGroup = _options.RunAsUser,
                            FsGroup = _options.RunAsUser,
                            SeccompProfile = new SeccompProfile { Type = "RuntimeDefault" },
                        },
                        Volumes =
                        [
                            new Volume { Name = "overseer", EmptyDir = new EmptyDirVolumeSource { SizeLimit = "256Mi" } },
                            new Volume { Name = "tmp", EmptyDir = new EmptyDirVolumeSource() },
                        ],
                        InitContainers = [Sidecar(attempt, enrollmentToken, proxyPort, relayPort)],
                        Containers = [Runner(attempt, proxyPort, relayPort, pool)],
                    },
                },
            },
        };
    }

    private Container Sidecar(ClaimedAttempt attempt, string enrollmentToken, int proxyPort, int relayPort)
    {
        var env = new List<EnvVar>
        {
            new() { Name = "ASPNETCORE_URLS", Value = $"http://127.0.0.1:{relayPort}" },
            new() { Name = "Proxy__Port", Value = proxyPort.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            new() { Name = "Relay__TaskId", Value = attempt.Key.TaskId.ToString() },
            new() { Name = "Relay__Attempt", Value = attempt.Key.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            new() { Name = "Relay__EnrollmentToken", Value = enrollmentToken },
            new() { Name = "Relay__OutDir", Value = "/overseer/out" },
            new() { Name = "services__api__http__0", Value = _apiUrl },
            new() { Name = "OTEL_SERVICE_NAME", Value = "sidecar" },
        };
        env.AddRange(_sidecarAllow.Select((rule, i) => new EnvVar { Name = $"Proxy__Allow__{i}", Value = rule }));
        return new Container
        {
            Name = SidecarContainer,
            Image = _options.SidecarImage,
            ImagePullPolicy = _options.ImagePullPolicy,
            RestartPolicy = "Always",
            Env = env,
            Resources = Resources(_options.SidecarResources),
            VolumeMounts = [new VolumeMount { Name = "overseer", MountPath = "/overseer" }, new VolumeMount { Name = "tmp", MountPath = "/tmp" }],
            SecurityContext = Restricted(readOnlyRoot: true),
        };
    }

    private Container Runner(ClaimedAttempt attempt, int proxyPort, int relayPort, PoolLaunch? pool)
    {
        var spec = attempt.Spec;
        // In declaration order: the kubelet expands $(VAR) in a value only against variables listed before it. Secrets and
        // config by reference only: their values never appear in the Job.
        var env = EnvOrdering.Names(spec).Select(name => spec.ValueFrom.TryGetValue(name, out var source)
            ? new EnvVar { Name = name, ValueFrom = ValueFrom(source) }
            : new EnvVar { Name = name, Value = spec.Env[name] }).ToList();
        var proxy = $"http://127.0.0.1:{proxyPort}";
        var noProxy = "127.0.0.1,localhost";
        if (pool is not null)
        {
            // Runtimes call the Api's claim protocol directly with their queue-scoped credential; item commands' other
            // egress still goes through the sidecar.
            env.AddRange(pool.Environment.Select(e => new EnvVar { Name = e.Key, Value = e.Value }));
            env.Add(new EnvVar { Name = "OVERSEER_API_URL", Value = _apiUrl + "/" });
            noProxy += "," + new Uri(_apiUrl).Host;
        }
        env.AddRange(
        [
            new() { Name = "OVERSEER_TASK_ID", Value = attempt.Key.TaskId.ToString() },
            new() { Name = "OVERSEER_ATTEMPT", Value = attempt.Key.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            new() { Name = "OVERSEER_TASK_NAME", Value = attempt.Name },
            new() { Name = "OVERSEER_RESULT_URL", Value = $"http://127.0.0.1:{relayPort}/v1/result" },
            new() { Name = "OVERSEER_OUT_DIR", Value = "/overseer/out" },
            new() { Name = "TRACEPARENT", Value = LocalProcessFactory.ChildTraceParent(attempt.TraceParent) },
            new() { Name = "HTTP_PROXY", Value = proxy },
            new() { Name = "HTTPS_PROXY", Value = proxy },
            new() { Name = "http_proxy", Value = proxy },
            new() { Name = "https_proxy", Value = proxy },
            new() { Name = "NO_PROXY", Value = noProxy },
            new() { Name = "no_proxy", Value = noProxy },
        ]);
        return new Container
        {
            Name = RunnerContainer,
            Image = pool?.Container is { } c ? c.Image ?? (c.Worker ? _options.RuntimeImage : _options.DefaultTaskImage) : spec.Image ?? _options.DefaultTaskImage,
            ImagePullPolicy = _options.ImagePullPolicy,
            Command = pool?.Container is { } pc ? pc.Command?.ToList() : spec.Command.Count > 0 ? [.. spec.Command] : null,
            Args = pool?.Container is { } pa ? pa.Args.Count > 0 ? [.. pa.Args] : null : spec.Args.Count > 0 ? [.. spec.Args] : null,
            WorkingDir = spec.WorkingDir,
            EnvFrom = spec.EnvFrom.Count > 0 ? [.. spec.EnvFrom.Select(EnvFrom)] : null,
            Env = env,
            Resources = spec.Resources is { } r
                ? new ResourceRequirements { Requests = Nullable(r.Requests), Limits = Nullable(r.Limits) }
                : Resources(_options.DefaultResources),
            VolumeMounts = [new VolumeMount { Name = "overseer", MountPath = "/overseer" }, new VolumeMount { Name = "tmp", MountPath = "/tmp" }],
            SecurityContext = Restricted(readOnlyRoot: true),
        };
    }

    private List<LocalObjectReference>? PullSecrets(TaskSpec spec)
    {
        var names = _options.ImagePullSecrets.Concat(spec.ImagePullSecrets).Distinct(StringComparer.Ordinal).ToList();
        return names.Count > 0 ? [.. names.Select(n => new LocalObjectReference { Name = n })] : null;
    }

    private static EnvVarSource ValueFrom(ValueFromSpec source) => source.SecretKeyRef is { } s
        ? new EnvVarSource { SecretKeyRef = new SecretKeySelector { Name = s.Name, Key = s.Key, Optional = s.Optional ? true : null } }
        : new EnvVarSource
        {
            ConfigMapKeyRef = new ConfigMapKeySelector { Name = source.ConfigMapKeyRef!.Name, Key = source.ConfigMapKeyRef.Key, Optional = source.ConfigMapKeyRef.Optional ? true : null },
        };

    private static EnvFromSource EnvFrom(EnvFromSpec source) => new()
    {
        Prefix = string.IsNullOrEmpty(source.Prefix) ? null : source.Prefix,
        SecretRef = source.SecretRef is { } s ? new NamedEnvSource { Name = s.Name, Optional = s.Optional ? true : null } : null,
        ConfigMapRef = source.ConfigMapRef is { } c ? new NamedEnvSource { Name = c.Name, Optional = c.Optional ? true : null } : null,
    };

    private SecurityContext Restricted(bool readOnlyRoot) => new()
    {
        AllowPrivilegeEscalation = false,
        Privileged = false,
        RunAsNonRoot = true,
        RunAsUser = _options.RunAsUser,
        ReadOnlyRootFilesystem = readOnlyRoot,
        Capabilities = new Capabilities { Drop = ["ALL"] },
        SeccompProfile = new SeccompProfile { Type = "RuntimeDefault" },
    };

    private static ResourceRequirements? Resources(ResourceOptions r) =>
        r.Requests.Count == 0 && r.Limits.Count == 0 ? null : new ResourceRequirements { Requests = Nullable(r.Requests), Limits = Nullable(r.Limits) };

    private static Dictionary<string, string>? Nullable(IReadOnlyDictionary<string, string> map) =>
        map.Count == 0 ? null : new Dictionary<string, string>(map);

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> settings, IReadOnlyDictionary<string, string> task)
    {
        var merged = new Dictionary<string, string>(settings, StringComparer.Ordinal);
        foreach (var (key, value) in task)
        {
            merged[key] = value;
        }
        return merged;
    }

    private static Dictionary<string, string> ParseMap(string? json, string key) =>
        Parse(json, key, n => n.AsObject().ToDictionary(p => p.Key, p => (string?)p.Value ?? "", StringComparer.Ordinal)) ?? [];

    private static T? Parse<T>(string? json, string key, Func<JsonNode, T> read) where T : class
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }
        try
        {
            return read(JsonNode.Parse(json) ?? throw new JsonException("null"));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidOperationException($"{key} is not valid JSON of the expected shape: {e.Message}", e);
        }
    }
}
