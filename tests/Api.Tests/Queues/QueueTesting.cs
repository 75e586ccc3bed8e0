using System.Net.Http.Headers;
using System.Text.Json;
using Dapper;
using Overseer.Api.Tests.Infrastructure;
using Overseer.Contracts.Client;
using Overseer.Contracts.Queues;

namespace Overseer.Api.Tests.Queues;

/// <summary>Shortcuts for queue tests: admin and runtime clients, definitions, item rows.</summary>
internal static class QueueTesting
{
    /// <summary>The admin's queue client.</summary>
    public static QueuesClient Queues(this ApiApplication app) => new(app.CreateAuthorizedClient(ApiApplication.AdminToken));

    /// <summary>A queue whose runtimes the test plays itself (runtime <c>external</c>: the spawner starts no pools).</summary>
    public static Task<QueueDto> DefineExternalAsync(this ApiApplication app, string name, int leaseSeconds = 30, int maxAttempts = 5,
        string? deadLetter = null) =>
        app.Queues().DefineAsync(name, new QueueSpec
        {
            Runtime = QueueDefaults.ExternalRuntime,
            LeaseSeconds = leaseSeconds,
            MaxAttempts = maxAttempts,
            DeadLetter = deadLetter,
        });

    /// <summary>A runtime client holding a fresh credential scoped to <paramref name="queue"/>.</summary>
    public static async Task<QueueRuntimeClient> RuntimeAsync(this ApiApplication app, string queue)
    {
        var token = await app.Queues().CreateTokenAsync(queue, "test");
        return new QueueRuntimeClient(app.CreateAuthorizedClient(token.Token), queue);
    }

    /// <summary>A runtime client sending <paramref name="token"/> on <paramref name="queue"/>'s endpoints.</summary>
    public static QueueRuntimeClient RuntimeWithToken(this ApiApplication app, string queue, string token)
    {
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new QueueRuntimeClient(http, queue);
    }

    /// <summary>An item with a small JSON payload.</summary>
    public static EnqueueItem Item(object payload, int? priority = null, DateTimeOffset? runAt = null, string? dedupKey = null) => new()
    {
        Payload = JsonSerializer.SerializeToElement(payload),
        Priority = priority,
        RunAt = runAt,
        DedupKey = dedupKey,
    };

    /// <summary>State, attempts and last error of an item, straight from the table.</summary>
    public static async Task<(string State, int Attempts, string? LastError)> ItemRowAsync(this ApiApplication app, long id)
    {
        await using var connection = await app.Database.OpenConnectionAsync();
        return await connection.QuerySingleAsync<(string, int, string?)>(
            "SELECT state, attempts, last_error FROM queue_items WHERE id = @id", new { id });
    }

    /// <summary>Number of rows of a table (for "nothing changed" checks).</summary>
    public static async Task<long> CountAsync(this ApiApplication app, string table)
    {
        await using var connection = await app.Database.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}");
    }
}
