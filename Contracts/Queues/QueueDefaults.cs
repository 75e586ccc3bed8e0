namespace Overseer.Contracts.Queues;

/// <summary>Defaults of omitted <see cref="QueueSpec"/> fields (the timing defaults are job-chief's example values).</summary>
public static class QueueDefaults
{
    /// <summary>Runtime that runs the queue's command once per item.</summary>
    public const string WorkerRuntime = "worker";

    /// <summary>Runtime where the queue's command speaks the claim protocol itself.</summary>
    public const string CommandRuntime = "command";

    /// <summary>Runtimes run outside Overseer (e.g. a Deployment scaled by KEDA): the spawner never starts pools.</summary>
    public const string ExternalRuntime = "external";

    /// <summary>Default <see cref="QueueSpec.Parallelism"/>.</summary>
    public const int Parallelism = 1;

    /// <summary>Default <see cref="QueueSpec.ItemsPerPod"/>.</summary>
    public const int ItemsPerPod = 100;

    /// <summary>Default <see cref="QueueSpec.MaxAttempts"/>.</summary>
    public const int MaxAttempts = 5;

    /// <summary>Default <see cref="QueueSpec.LeaseSeconds"/>.</summary>
    public const int LeaseSeconds = 60;

    /// <summary>Default <see cref="QueueSpec.BatchSize"/>.</summary>
    public const int BatchSize = 1;

    /// <summary>Default <see cref="QueueSpec.IdleTimeout"/>.</summary>
    public const string IdleTimeout = "10s";

    /// <summary>Default <see cref="QueueSpec.ItemTimeout"/>.</summary>
    public const string ItemTimeout = "15m";

    /// <summary>Default <see cref="QueueSpec.RetryDelay"/>.</summary>
    public const string RetryDelay = "1s";

    /// <summary>Default <see cref="QueueSpec.MaxRetryDelay"/>.</summary>
    public const string MaxRetryDelay = "5m";

    /// <summary>Default <see cref="QueueSpec.PoolTimeout"/>.</summary>
    public const string PoolTimeout = "1h";

    /// <summary>Default <see cref="QueueSpec.QueueCheckInterval"/>.</summary>
    public const string QueueCheckInterval = "55s";

    /// <summary>Default <see cref="QueueSpec.JobStartTimeout"/>.</summary>
    public const string JobStartTimeout = "1m";

    /// <summary>Default <see cref="QueueSpec.WaitTimeAfterSuccessfulRun"/>.</summary>
    public const string WaitTimeAfterSuccessfulRun = "5s";

    /// <summary>Default <see cref="QueueSpec.WaitTimeAfterTimeout"/>.</summary>
    public const string WaitTimeAfterTimeout = "5s";

    /// <summary>Default <see cref="QueueSpec.WaitTimeAfterError"/>.</summary>
    public const string WaitTimeAfterError = "15s";

    /// <summary>Default <see cref="QueueSpec.WaitTimeAfterFailedRun"/>.</summary>
    public const string WaitTimeAfterFailedRun = "10s";
}
