using Overseer.Contracts.Tasks;
using Overseer.Contracts.Validation;

namespace Overseer.Contracts.Queues;

/// <summary>Validates a <see cref="QueueSpec"/> and fills in its defaults. Every problem is reported, each under its field's name.</summary>
public static class QueueSpecValidator
{
    /// <summary>Longest queue name: pool tasks are named <c>pool-&lt;queue&gt;</c> and must stay DNS-1123 labels.</summary>
    public const int MaxNameLength = 50;

    /// <summary>Most processes one pool may run.</summary>
    public const int MaxParallelism = 256;

    private static readonly string[] PoolFields = ["image", "command", "args", "env", "annotations", "resources"];

    /// <summary>Returns null when <paramref name="name"/> is a valid queue name, else what is wrong with it.</summary>
    public static string? CheckName(string? name) => Dns1123.CheckLabel(name, MaxNameLength);

    /// <summary>Returns every problem with <paramref name="spec"/> (defaults applied first); empty when it is valid.</summary>
    public static ValidationErrors Validate(string name, QueueSpec spec)
    {
        var errors = new ValidationErrors();
        var s = Normalize(spec);
        if (s.Runtime is not (QueueDefaults.WorkerRuntime or QueueDefaults.CommandRuntime or QueueDefaults.ExternalRuntime))
        {
            errors.Add("runtime", $"must be '{QueueDefaults.WorkerRuntime}', '{QueueDefaults.CommandRuntime}' or '{QueueDefaults.ExternalRuntime}'");
        }
        var external = s.Runtime == QueueDefaults.ExternalRuntime;
        // The pool part is a task's pod template: the task rules apply to it unchanged.
        var pool = TaskSpecValidator.Validate(new TaskSpec { Name = "pool", Image = s.Image, Command = s.Command, Args = s.Args, Env = s.Env,
            Annotations = s.Annotations, Resources = s.Resources });
        foreach (var (field, messages) in pool.ToDictionary())
        {
            // External runtimes bring their own program: a command is optional there.
            if (external && field == "command" && s.Command.Count == 0 && s.Args.Count == 0)
            {
                continue;
            }
            if (PoolFields.Any(f => field == f || field.StartsWith(f + ".", StringComparison.Ordinal) || field.StartsWith(f + "[", StringComparison.Ordinal)))
            {
                foreach (var message in messages)
                {
                    errors.Add(field, message);
                }
            }
        }
        Range(errors, "parallelism", s.Parallelism, 1, MaxParallelism);
        Range(errors, "maxParallelism", s.MaxParallelism, 1, MaxParallelism);
        if (s.MaxParallelism < s.Parallelism)
        {
            errors.Add("maxParallelism", $"must be at least parallelism ({s.Parallelism})");
        }
        Range(errors, "itemsPerPod", s.ItemsPerPod, 1, 1_000_000);
        Range(errors, "maxAttempts", s.MaxAttempts, 1, 1000);
        Range(errors, "leaseSeconds", s.LeaseSeconds, 1, 3600);
        Range(errors, "batchSize", s.BatchSize, 1, 1000);
        if (s.DeadLetter is not null)
        {
            if (CheckName(s.DeadLetter) is { } problem)
            {
                errors.Add("deadLetter", "must name a queue: " + problem);
            }
            else if (s.DeadLetter == name)
            {
                errors.Add("deadLetter", "must name another queue, not this one");
            }
        }
        Time(errors, "idleTimeout", spec.IdleTimeout, TimeSpan.Zero);
        Time(errors, "itemTimeout", spec.ItemTimeout, TimeSpan.FromSeconds(1));
        var retry = Time(errors, "retryDelay", spec.RetryDelay, TimeSpan.Zero);
        var maxRetry = Time(errors, "maxRetryDelay", spec.MaxRetryDelay, TimeSpan.Zero);
        if (retry is { } r && maxRetry is { } m && m < r)
        {
            errors.Add("maxRetryDelay", $"must be at least retryDelay ({Duration.Format(r)})");
        }
        if (Time(errors, "poolTimeout", spec.PoolTimeout, TimeSpan.FromSeconds(1)) is { } poolTime && poolTime > TimeSpan.FromSeconds(TimeoutRules.MaxSeconds))
        {
            errors.Add("poolTimeout", $"must be at most 7d ({TimeoutRules.MaxSeconds} seconds) (got {spec.PoolTimeout})");
        }
        Time(errors, "queueCheckInterval", spec.QueueCheckInterval, TimeSpan.FromMilliseconds(100));
        Time(errors, "jobStartTimeout", spec.JobStartTimeout, TimeSpan.FromMilliseconds(100));
        Time(errors, "waitTimeAfterSuccessfulRun", spec.WaitTimeAfterSuccessfulRun, TimeSpan.Zero);
        Time(errors, "waitTimeAfterTimeout", spec.WaitTimeAfterTimeout, TimeSpan.Zero);
        Time(errors, "waitTimeAfterError", spec.WaitTimeAfterError, TimeSpan.Zero);
        Time(errors, "waitTimeAfterFailedRun", spec.WaitTimeAfterFailedRun, TimeSpan.Zero);
        return errors;
    }

    /// <summary>
    /// Returns <paramref name="spec"/> with every default filled in, collections non-null and durations in canonical
    /// form. Only call it on a spec that <see cref="Validate"/> accepted, or for display.
    /// </summary>
    public static QueueSpec Normalize(QueueSpec spec)
    {
        var parallelism = spec.Parallelism ?? QueueDefaults.Parallelism;
        return spec with
        {
            Runtime = spec.Runtime ?? QueueDefaults.WorkerRuntime,
            Command = spec.Command ?? [],
            Args = spec.Args ?? [],
            Env = spec.Env ?? new Dictionary<string, string>(),
            Annotations = spec.Annotations ?? new Dictionary<string, string>(),
            Resources = spec.Resources is null ? null : spec.Resources with
            {
                Requests = spec.Resources.Requests ?? new Dictionary<string, string>(),
                Limits = spec.Resources.Limits ?? new Dictionary<string, string>(),
            },
            Parallelism = parallelism,
            MaxParallelism = spec.MaxParallelism ?? parallelism,
            ItemsPerPod = spec.ItemsPerPod ?? QueueDefaults.ItemsPerPod,
            MaxAttempts = spec.MaxAttempts ?? QueueDefaults.MaxAttempts,
            LeaseSeconds = spec.LeaseSeconds ?? QueueDefaults.LeaseSeconds,
            BatchSize = spec.BatchSize ?? QueueDefaults.BatchSize,
            IdleTimeout = Canonical(spec.IdleTimeout, QueueDefaults.IdleTimeout),
            ItemTimeout = Canonical(spec.ItemTimeout, QueueDefaults.ItemTimeout),
            RetryDelay = Canonical(spec.RetryDelay, QueueDefaults.RetryDelay),
            MaxRetryDelay = Canonical(spec.MaxRetryDelay, QueueDefaults.MaxRetryDelay),
            PoolTimeout = Canonical(spec.PoolTimeout, QueueDefaults.PoolTimeout),
            QueueCheckInterval = Canonical(spec.QueueCheckInterval, QueueDefaults.QueueCheckInterval),
            JobStartTimeout = Canonical(spec.JobStartTimeout, QueueDefaults.JobStartTimeout),
            WaitTimeAfterSuccessfulRun = Canonical(spec.WaitTimeAfterSuccessfulRun, QueueDefaults.WaitTimeAfterSuccessfulRun),
            WaitTimeAfterTimeout = Canonical(spec.WaitTimeAfterTimeout, QueueDefaults.WaitTimeAfterTimeout),
            WaitTimeAfterError = Canonical(spec.WaitTimeAfterError, QueueDefaults.WaitTimeAfterError),
            WaitTimeAfterFailedRun = Canonical(spec.WaitTimeAfterFailedRun, QueueDefaults.WaitTimeAfterFailedRun),
        };
    }

    private static string Canonical(string? given, string fallback) =>
        Duration.TryParse(given ?? fallback, out var value, out _) ? Duration.Format(value) : given!;

    private static void Range(ValidationErrors errors, string field, int? value, int min, int max)
    {
        if (value is { } v && (v < min || v > max))
        {
            errors.Add(field, $"must be between {min} and {max} (got {v})");
        }
    }

    private static TimeSpan? Time(ValidationErrors errors, string field, string? text, TimeSpan min)
    {
        if (text is null)
        {
            return null;
        }
        if (!Duration.TryParse(text, out var value, out var error))
        {
            errors.Add(field, error!);
            return null;
        }
        if (value < min)
        {
            errors.Add(field, $"must be at least {Duration.Format(min)} (got {text})");
            return null;
        }
        return value;
    }
}
