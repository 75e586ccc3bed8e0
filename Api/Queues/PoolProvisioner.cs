using System.Globalization;
using System.Text.Json;
using Dapper;
using Npgsql;
using Overseer.Api.Execution;
using Overseer.Contracts.Queues;
using Overseer.Contracts.Validation;

namespace Overseer.Api.Queues;

/// <summary>
/// Prepares pool attempts for the executor: reads the pool's queue definition, issues a credential scoped to that
/// queue and this attempt, and says how to start each process: the Worker running the queue's command per item
/// (runtime <c>worker</c>), or the queue's command itself (runtime <c>command</c>).
/// </summary>
public sealed class PoolProvisioner(NpgsqlDataSource db, RuntimeTokenStore tokens, WorkerLocator locator) : IPoolProvisioner
{
    /// <summary>How long the Worker may finish its current item after SIGTERM before it hands it back.</summary>
    public static readonly TimeSpan WorkerGrace = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public async Task<PoolLaunch> PrepareAsync(ClaimedAttempt attempt, PoolHost host, CancellationToken ct)
    {
        var taskId = attempt.Key.TaskId;
        (string Queue, int Parallelism, string Spec) pool;
        await using (var connection = await db.OpenConnectionAsync(ct))
        {
            pool = (await connection.QueryAsync<(string, int, string)>(new CommandDefinition(PoolSql.PoolLaunch, new { taskId }, cancellationToken: ct)))
                .FirstOrDefault();
        }
        if (pool.Queue is null)
        {
            throw new PoolUnavailableException($"pool {taskId} has no queue (the queue was deleted)");
        }
        var spec = JsonSerializer.Deserialize(pool.Spec, QueuesJson.Lenient.QueueSpec)!;
        var worker = spec.Runtime != QueueDefaults.CommandRuntime;
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["OVERSEER_QUEUE"] = pool.Queue,
            ["OVERSEER_POOL_ID"] = taskId.ToString(),
            ["OVERSEER_BATCH_SIZE"] = spec.BatchSize!.Value.ToString(CultureInfo.InvariantCulture),
            ["OVERSEER_IDLE_TIMEOUT"] = spec.IdleTimeout!,
            ["OVERSEER_ITEM_TIMEOUT"] = spec.ItemTimeout!,
            ["OVERSEER_RETRY_DELAY"] = spec.RetryDelay!,
            ["OVERSEER_MAX_RETRY_DELAY"] = spec.MaxRetryDelay!,
            ["OVERSEER_STOP_GRACE"] = Duration.Format(WorkerGrace),
            ["DOTNET_NOLOGO"] = "1",
        };
        var stopGrace = WorkerGrace + TimeSpan.FromSeconds(5);
        if (host == PoolHost.Kubernetes)
        {
            // The pod's image decides the program: the Worker image's entrypoint is the Worker; the Job builder adds the
            // Api address as the pods reach it.
            var container = worker
                ? new PoolContainer(spec.Image, null, ["--", .. spec.Command, .. spec.Args], Worker: true)
                : new PoolContainer(spec.Image, spec.Command.Count > 0 ? spec.Command : null, spec.Args, Worker: false);
            environment["OVERSEER_QUEUE_TOKEN"] = await IssueAsync(pool.Queue, attempt, ct);
            return new PoolLaunch(pool.Parallelism, "", [], environment, stopGrace, container);
        }
        string program;
        List<string> arguments;
        try
        {
            environment["OVERSEER_API_URL"] = locator.ApiUrl();
            if (worker)
            {
                (program, arguments) = (WorkerLocator.DotnetHost(), [locator.WorkerDll(), "--", .. spec.Command, .. spec.Args]);
            }
            else if (spec.Command.Count == 0 && spec.Args.Count == 0)
            {
                throw new PoolUnavailableException($"queue '{pool.Queue}' {TaskSpecValidator.NeedsCommandLocally}");
            }
            else
            {
                (program, arguments) = (spec.Command.Count > 0 ? spec.Command[0] : spec.Args[0], [.. spec.Command.Concat(spec.Args).Skip(1)]);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or FileNotFoundException)
        {
            throw new PoolUnavailableException(e.Message);
        }
        environment["OVERSEER_QUEUE_TOKEN"] = await IssueAsync(pool.Queue, attempt, ct);
        // Local processes stop when the Api that started them is gone (the Worker watches its parent).
        environment["OVERSEER_PARENT_PID"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        return new PoolLaunch(pool.Parallelism, program, arguments, environment, stopGrace);
    }

    private Task<string> IssueAsync(string queue, ClaimedAttempt attempt, CancellationToken ct) =>
        tokens.CreateAsync(queue, $"pool {attempt.Key.TaskId} attempt {attempt.Key.Attempt}", attempt.Key.TaskId, attempt.Key.Attempt, ct);

    /// <inheritdoc />
    public async Task<int?> TargetParallelismAsync(Guid poolTaskId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<int?>(new CommandDefinition(PoolSql.PoolParallelism, new { taskId = poolTaskId }, cancellationToken: ct));
    }
}
