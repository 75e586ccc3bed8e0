using System.Diagnostics;
using Overseer.Contracts.Tasks;

namespace Overseer.Api.Execution.Local;

/// <summary>
/// Builds the <see cref="ProcessStartInfo"/> of an attempt. The environment starts empty, so nothing of the Api's own
/// environment (connection strings, tokens) leaks into tasks; only PATH and the documented variables are passed. As on
/// Kubernetes, <c>envFrom</c> comes first and <c>env</c> and <c>valueFrom</c> win over it.
/// </summary>
public sealed class LocalProcessFactory(IEnumerable<IAttemptEnvironment> attemptEnvironments, LocalEnvSources sources)
{
    /// <summary>A factory without per-attempt variables, Secrets or ConfigMaps.</summary>
    public LocalProcessFactory()
        : this([], new LocalEnvSources())
    {
    }

    private static readonly string PathValue = Environment.GetEnvironmentVariable("PATH") is { Length: > 0 } p ? p : "/usr/local/bin:/usr/bin:/bin";

    /// <summary>Extra variables every attempt gets (e.g. the sidecar's proxy and result URL), set by other features.</summary>
    public IDictionary<string, string> ExtraEnvironment { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// The start info of <paramref name="attempt"/>, run in <paramref name="workingDir"/>. Throws
    /// <see cref="EnvSourceException"/> when a Secret or ConfigMap it references cannot be read.
    /// </summary>
    public ProcessStartInfo Create(ClaimedAttempt attempt, string workingDir, string traceParent)
    {
        var spec = attempt.Spec;
        var commandLine = spec.Command.Count > 0 ? spec.Command.Concat(spec.Args).ToList() : [.. spec.Args];
        var info = new ProcessStartInfo(commandLine[0])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDir,
        };
        foreach (var arg in commandLine.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }
        var env = info.Environment;
        env.Clear();
        env["PATH"] = PathValue;
        env["HOME"] = workingDir;
        env["LANG"] = "C.UTF-8";
        foreach (var (name, value) in ExtraEnvironment)
        {
            env[name] = value;
        }
        foreach (var (name, value) in sources.EnvFrom(spec))
        {
            env[name] = value;
        }
        foreach (var (name, value) in spec.Env.Concat(sources.ValueFrom(spec)))
        {
            env[name] = value;
        }
        env["OVERSEER_TASK_ID"] = attempt.Key.TaskId.ToString();
        env["OVERSEER_ATTEMPT"] = attempt.Key.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["OVERSEER_TASK_NAME"] = attempt.Name;
        env["TRACEPARENT"] = traceParent;
        foreach (var source in attemptEnvironments)
        {
            foreach (var (name, value) in source.For(attempt))
            {
                env[name] = value;
            }
        }
        return info;
    }

    /// <summary>A child span of the submission's trace context, so the task joins the request's trace.</summary>
    public static string ChildTraceParent(string? parent)
    {
        var traceId = parent is { Length: 55 } && parent[2] == '-' ? parent.Substring(3, 32) : ActivityTraceId.CreateRandom().ToHexString();
        return $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01";
    }

    /// <summary>The program an attempt runs (for messages).</summary>
    public static string Program(TaskSpec spec) => spec.Command.Count > 0 ? spec.Command[0] : spec.Args[0];
}
