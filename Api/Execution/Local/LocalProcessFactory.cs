using System.Diagnostics;
using Overseer.Contracts.Tasks;
using Overseer.Contracts.Validation;

namespace Overseer.Api.Execution.Local;

/// <summary>
/// Builds the <see cref="ProcessStartInfo"/> of an attempt. The environment starts empty, so nothing of the Api's own
/// environment (connection strings, tokens) leaks into tasks; only PATH and the documented variables are passed. As on
/// Kubernetes, <c>envFrom</c> comes first and <c>env</c> and <c>valueFrom</c> win over it, and <c>$(VAR)</c> in env values,
/// command and args is expanded as the kubelet does (<see cref="VarExpansion"/>). The program is looked up
/// before anything starts (a missing one fails the start, naming it), then run under the <see cref="TaskIsolation"/>.
/// </summary>
public sealed class LocalProcessFactory(IEnumerable<IAttemptEnvironment> attemptEnvironments, LocalEnvSources sources, TaskIsolation isolation)
{
    private static readonly string PathValue = Environment.GetEnvironmentVariable("PATH") is { Length: > 0 } p ? p : "/usr/local/bin:/usr/bin:/bin";

    /// <summary>
    /// The start info of <paramref name="attempt"/>, run in <paramref name="workingDir"/>: the task's command, or
    /// <paramref name="commandLine"/> when given (a pool's runtime). Throws <see cref="AttemptStartException"/> when the
    /// program is not found, or a Secret or ConfigMap it references cannot be read.
    /// </summary>
    public ProcessStartInfo Create(ClaimedAttempt attempt, string workingDir, string traceParent, IReadOnlyList<string>? commandLine = null)
    {
        var spec = attempt.Spec;
        // As the kubelet does: envFrom first, then env in declaration order, each literal expanded against what is
        // defined before it (valueFrom values are never expanded).
        var declared = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in sources.EnvFrom(spec))
        {
            declared[name] = value;
        }
        var fromSources = sources.ValueFrom(spec).ToDictionary(StringComparer.Ordinal);
        foreach (var name in EnvOrdering.Names(spec))
        {
            if (fromSources.TryGetValue(name, out var value))
            {
                declared[name] = value;
            }
            else if (spec.Env.TryGetValue(name, out var literal))
            {
                declared[name] = VarExpansion.Expand(literal, declared);
            }
        }
        commandLine ??= [.. (spec.Command.Count > 0 ? [.. spec.Command, .. spec.Args] : spec.Args).Select(a => VarExpansion.Expand(a, declared))];
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
        foreach (var (name, value) in declared)
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
        info.FileName = ProgramPath.Resolve(commandLine[0], env["PATH"] ?? PathValue, workingDir);
        isolation.Apply(info, workingDir);
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
