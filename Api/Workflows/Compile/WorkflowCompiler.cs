using System.Text.Json.Nodes;
using Overseer.Contracts.Tasks;
using Overseer.Contracts.Validation;
using Overseer.Contracts.Workflows;

namespace Overseer.Api.Workflows.Compile;

/// <summary>
/// Validates a workflow document and compiles it into a plan: node numbers, dependency edges (from order, explicit
/// <c>dependsOn</c> and group gates), merged params with provenance, and one task spec per job. Every problem is
/// reported under its field path; nothing is compiled when anything is wrong.
/// </summary>
public static class WorkflowCompiler
{
    /// <summary>apiVersion group of jobs-manager-operator's ManagedJob.</summary>
    public const string ManagedJobGroup = "jobsmanager.raczylo.com/";

    /// <summary>The CRD's default of <c>spec.retries</c> (<c>+kubebuilder:default=1</c>), for a ManagedJob that leaves it out.</summary>
    public const int ManagedJobDefaultRetries = 1;

    /// <summary>apiVersion of Overseer's own form.</summary>
    public const string WorkflowApiVersion = "overseer.dev/v1";

    /// <summary>Compiles <paramref name="doc"/>; the plan is null when the errors are not empty.</summary>
    /// <remarks>
    /// A ManagedJob's jobs get <paramref name="maxTimeoutSeconds"/> as their timeout: the CRD has no timeout field and the
    /// operator sets no activeDeadlineSeconds, so its jobs run as long as they need; the deployment's maximum is the
    /// closest Overseer can come.
    /// </remarks>
    public static (WorkflowPlan? Plan, ValidationErrors Errors) Compile(WorkflowDocument doc, int defaultTimeoutSeconds = TaskSpec.DefaultTimeoutSeconds,
        int maxTimeoutSeconds = TimeoutRules.DefaultDeploymentMaxSeconds)
    {
        var errors = new ValidationErrors();
        var ours = CheckKind(doc, errors);
        var name = doc.Metadata?.Name;
        if (string.IsNullOrEmpty(name))
        {
            errors.Add("metadata.name", "is required");
        }
        var spec = doc.Spec;
        if (spec?.Groups is not { Count: > 0 } groups)
        {
            errors.Add("spec.groups", "a workflow needs at least one group");
            return (null, errors);
        }
        CheckForm(doc, ours, errors);
        ParamsMerger.Validate(spec.Params, "spec.params", errors);
        var groupIndex = CheckNames(groups, errors);
        var jobIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var node = 0;
        foreach (var group in groups)
        {
            // A null group or job (JSON null) is reported by CheckNames; a null job still takes a node number, as in DependencyResolver.Jobs.
            foreach (var job in group?.Jobs ?? [])
            {
                if (job is not null)
                {
                    jobIndex.TryAdd($"{group!.Name}/{job.Name}", node);
                }
                node++;
            }
        }
        var groupDeps = DependencyResolver.Groups(groups, groupIndex, errors);
        var jobDeps = DependencyResolver.Jobs(name ?? "", groups, jobIndex, errors);
        if (!errors.IsEmpty)
        {
            return (null, errors);
        }
        var names = DerivedNames.Of(name!, groups, errors);
        if (!errors.IsEmpty)
        {
            return (null, errors);
        }

        var jobCount = node;
        var edges = new HashSet<(int, int)>();
        var addresses = jobIndex.OrderBy(j => j.Value).Select(j => j.Key).ToList();
        node = 0;
        for (var g = 0; g < groups.Count; g++)
        {
            foreach (var _ in groups[g].Jobs!)
            {
                edges.Add((node, jobCount + g));
                foreach (var upstream in groupDeps[g])
                {
                    edges.Add((jobCount + upstream, node));
                }
                foreach (var dependency in jobDeps[node])
                {
                    edges.Add((dependency, node));
                }
                node++;
            }
        }
        var edgeList = edges.OrderBy(e => e.Item1).ThenBy(e => e.Item2).ToList();
        var (order, cycle) = DependencyGraph.Sort(jobCount + groups.Count, edgeList);
        if (cycle is not null)
        {
            errors.Add("spec", "dependency cycle: " + DescribeCycle(cycle, addresses, groups, jobCount));
            return (null, errors);
        }

        var planGroups = new List<PlanGroup>();
        node = 0;
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            var jobs = new List<PlanJob>();
            for (var j = 0; j < group.Jobs!.Count; j++, node++)
            {
                var job = group.Jobs[j];
                var path = $"spec.groups[{g}].jobs[{j}]";
                var compiled = ParamsMerger.Merge([(spec.Params, "workflow"), (group.Params, "group"), (job.Params, "job")]);
                var taskSpec = TaskSpecValidator.Normalize(ToTaskSpec(names, g, j, job, spec.Retries ?? (ours ? 0 : ManagedJobDefaultRetries), compiled), defaultTimeoutSeconds);
                if (!ours)
                {
                    taskSpec = taskSpec with { TimeoutSeconds = maxTimeoutSeconds };
                }
                var taskErrors = TaskSpecValidator.Validate(taskSpec);
                if (TimeoutRules.CheckDeploymentMax(taskSpec.TimeoutSeconds, maxTimeoutSeconds) is { } tooLong)
                {
                    taskErrors.Add("timeoutSeconds", tooLong);
                }
                errors.AddAll(taskErrors, path + ".task");
                jobs.Add(new PlanJob(group.Name!, job.Name!, node, [.. jobDeps[node].Select(d => addresses[d])], taskSpec, compiled, names.Notes(g, j)));
            }
            planGroups.Add(new PlanGroup(group.Name!, [.. groupDeps[g].Select(u => groups[u].Name!)], jobs, jobCount + g));
        }
        return errors.IsEmpty
            ? (new WorkflowPlan(name!, ours ? "Workflow" : "ManagedJob", spec.FailFast ?? false, planGroups, jobCount, edgeList, order!), errors)
            : (null, errors);
    }

    /// <summary>The names joined as the operator joins them (before it lowercases them); with derived names, the task a job becomes.</summary>
    public static string TaskName(string workflow, string group, string job) => $"{workflow}-{group}-{job}";

    private static bool CheckKind(WorkflowDocument doc, ValidationErrors errors)
    {
        switch (doc.Kind)
        {
            case "ManagedJob" when doc.ApiVersion?.StartsWith(ManagedJobGroup, StringComparison.Ordinal) == true:
                return false;
            case "Workflow" when doc.ApiVersion == WorkflowApiVersion:
                return true;
            case "ManagedJob" or "Workflow":
                errors.Add("apiVersion", $"must be {ManagedJobGroup}v1beta1 for kind ManagedJob, or {WorkflowApiVersion} for kind Workflow");
                return doc.Kind == "Workflow";
            default:
                errors.Add("kind", "must be ManagedJob or Workflow");
                return false;
        }
    }

    private static void CheckForm(WorkflowDocument doc, bool ours, ValidationErrors errors)
    {
        const string only = "is only allowed in kind: Workflow (apiVersion overseer.dev/v1)";
        if (ours && doc.Status is not null)
        {
            errors.Add("status", "is not a known field");
        }
        if (!ours && doc.Spec!.FailFast is not null)
        {
            errors.Add("spec.failFast", only);
        }
        for (var g = 0; g < doc.Spec!.Groups!.Count; g++)
        {
            var group = doc.Spec.Groups[g];
            if (group is null)
            {
                continue;
            }
            if (!ours && group.DependsOn is not null)
            {
                errors.Add($"spec.groups[{g}].dependsOn", only);
            }
            if (ours && group.Status is not null)
            {
                errors.Add($"spec.groups[{g}].status", "is not a known field");
            }
            for (var j = 0; j < (group.Jobs?.Count ?? 0); j++)
            {
                var job = group.Jobs![j];
                var path = $"spec.groups[{g}].jobs[{j}]";
                if (job is null)
                {
                    continue;
                }
                foreach (var (field, set) in new[] { ("command", job.Command is not null), ("dependsOn", job.DependsOn is not null),
                    ("retries", job.Retries is not null), ("timeoutSeconds", job.TimeoutSeconds is not null) })
                {
                    if (!ours && set)
                    {
                        errors.Add($"{path}.{field}", only);
                    }
                }
                if (ours && (job.CompiledParams is not null || job.Status is not null))
                {
                    errors.Add($"{path}.{(job.Status is not null ? "status" : "compiledParams")}", "is not a known field");
                }
                ParamsMerger.Validate(job.Params, $"{path}.params", errors);
            }
            ParamsMerger.Validate(group.Params, $"spec.groups[{g}].params", errors);
        }
    }

    private static Dictionary<string, int> CheckNames(List<GroupDocument> groups, ValidationErrors errors)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            var path = $"spec.groups[{g}]";
            if (group is null)
            {
                errors.Add(path, "must be a group");
                continue;
            }
            if (string.IsNullOrEmpty(group.Name))
            {
                errors.Add($"{path}.name", "is required");
            }
            else if (!index.TryAdd(group.Name!, g))
            {
                errors.Add($"{path}.name", $"group '{group.Name}' is defined more than once");
            }
            if (group.Jobs is not { Count: > 0 })
            {
                errors.Add($"{path}.jobs", "a group needs at least one job");
                continue;
            }
            var jobNames = new HashSet<string>(StringComparer.Ordinal);
            for (var j = 0; j < group.Jobs.Count; j++)
            {
                var job = group.Jobs[j];
                var jobPath = $"{path}.jobs[{j}]";
                if (job is null)
                {
                    errors.Add(jobPath, "must be a job");
                    continue;
                }
                if (string.IsNullOrEmpty(job.Name))
                {
                    errors.Add($"{jobPath}.name", "is required");
                }
                else if (!jobNames.Add(job.Name))
                {
                    errors.Add($"{jobPath}.name", $"job '{job.Name}' is defined more than once in group '{group.Name}'");
                }
            }
        }
        return index;
    }

    private static TaskSpec ToTaskSpec(DerivedNames names, int g, int j, JobDocument job, int retries, CompiledParamsDto compiled)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        var valueFrom = new Dictionary<string, ValueFromSpec>(StringComparer.Ordinal);
        foreach (var entry in compiled.Env)
        {
            if (entry.Value is JsonValue v && v.TryGetValue<string>(out var s))
            {
                env[entry.Name!] = s;
            }
            else if (entry.Value is JsonObject source)
            {
                // Only Secret and ConfigMap keys carry over; any other source leaves both empty, which validation names.
                valueFrom[entry.Name!] = new ValueFromSpec { SecretKeyRef = KeyRefOf(source["secretKeyRef"]), ConfigMapKeyRef = KeyRefOf(source["configMapKeyRef"]) };
            }
        }
        var envOrder = compiled.Env.Where(e => env.ContainsKey(e.Name!) || valueFrom.ContainsKey(e.Name!)).Select(e => e.Name!).ToList();
        var envFrom = compiled.EnvFrom.Select(e => e.Value as JsonObject).Where(e => e is not null).Select(e => new EnvFromSpec
        {
            SecretRef = SourceRefOf(e!["secretRef"]),
            ConfigMapRef = SourceRefOf(e!["configMapRef"]),
            Prefix = e!["prefix"] is JsonValue p && p.TryGetValue<string>(out var prefix) ? prefix : null,
        }).ToList();
        var labels = compiled.Labels.ToDictionary(l => l.Name!, l => l.Value!.GetValue<string>(), StringComparer.Ordinal);
        labels["overseer.dev/workflow"] = names.Workflow;
        labels["overseer.dev/group"] = names.Group(g);
        labels["overseer.dev/job"] = names.Job(g, j);
        return new TaskSpec
        {
            Name = names.TaskName(g, j),
            Image = job.Image,
            Command = job.Command ?? [],
            Args = job.Args ?? [],
            Env = env,
            ValueFrom = valueFrom,
            EnvOrder = envOrder,
            EnvFrom = envFrom,
            ImagePullSecrets = [.. compiled.ImagePullSecrets.Select(p => p.Name!)],
            Resources = compiled.Resources?.Value is JsonObject r ? new ResourceSpec { Requests = Quantities(r["requests"]), Limits = Quantities(r["limits"]) } : null,
            Retries = job.Retries ?? retries,
            TimeoutSeconds = job.TimeoutSeconds,
            Labels = labels,
            Annotations = compiled.Annotations.ToDictionary(a => a.Name!, a => a.Value!.GetValue<string>(), StringComparer.Ordinal),
        };
    }

    private static KeyRef? KeyRefOf(JsonNode? node) => node is JsonObject o
        ? new KeyRef { Name = Text(o["name"]), Key = Text(o["key"]), Optional = o["optional"] is JsonValue b && b.TryGetValue<bool>(out var optional) && optional }
        : null;

    private static SourceRef? SourceRefOf(JsonNode? node) => node is JsonObject o
        ? new SourceRef { Name = Text(o["name"]), Optional = o["optional"] is JsonValue b && b.TryGetValue<bool>(out var optional) && optional }
        : null;

    private static Dictionary<string, string> Quantities(JsonNode? node) =>
        (node as JsonObject ?? []).ToDictionary(kv => kv.Key, kv => Text(kv.Value), StringComparer.Ordinal);

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    private static string DescribeCycle(IReadOnlyList<int> cycle, List<string> addresses, List<GroupDocument> groups, int jobCount)
    {
        string Name(int n) => n < jobCount ? addresses[n] : "group " + groups[n - jobCount].Name;
        var jobsOnlyEnterOwnGate = cycle.Zip(cycle.Skip(1)).All(p =>
            p.First >= jobCount || (p.Second >= jobCount && addresses[p.First].StartsWith(groups[p.Second - jobCount].Name + "/", StringComparison.Ordinal)));
        if (!jobsOnlyEnterOwnGate)
        {
            return string.Join(" → ", cycle.Select(Name));
        }
        // A cycle between groups only: print the groups, closing the loop.
        var gates = cycle.Take(cycle.Count - 1).Where(n => n >= jobCount).Select(n => groups[n - jobCount].Name!).ToList();
        return string.Join(" → ", gates.Append(gates[0]));
    }
}
