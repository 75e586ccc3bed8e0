using Dapper;
using Npgsql;
using Overseer.Api.Queues;

namespace Overseer.Api.Tests.Queues;

/// <summary>
/// The hot statements' plans, as the Api runs them (prepared, generic plans forced): the claim reads one ordered
/// partial index (no sort, no finished rows) and items are found by primary key, however much history or how many
/// claimed items the table holds.
/// </summary>
public sealed class ClaimPlanTests(QueueApiApplication app) : IClassFixture<QueueApiApplication>
{
    private const string Token = "00000000-0000-0000-0000-000000000001";

    [Fact]
    public async Task Claim_scans_the_partial_claim_index_in_order_and_updates_by_primary_key()
    {
        await app.DefineExternalAsync("planned");
        await using var connection = await app.Database.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            INSERT INTO queue_items (queue, state, payload, finished_at, lease_token)
            SELECT 'planned', 'done', '{}', now(), gen_random_uuid() FROM generate_series(1, 50000);
            INSERT INTO queue_items (queue, payload, priority) SELECT 'planned', '{}', n % 3 FROM generate_series(1, 1000) n;
            ANALYZE queue_items;
            """);

        var plan = await GenericPlanAsync(connection, QueueSql.Claim, "text, int, bigint[], uuid[]", $"'planned', 5, '{{1}}', '{{{Token}}}'");

        Assert.Contains("Index Scan using queue_items_claim on queue_items", plan, StringComparison.Ordinal);
        Assert.Contains("LockRows", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Sort", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan on queue_items", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Hash", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("queue_items_leases", plan, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(QueueSql.Ack), "text, bigint[], uuid[]", "")]
    [InlineData(nameof(QueueSql.Extend), "text, bigint[], uuid[]", "")]
    [InlineData(nameof(QueueSql.Release), "text, bigint[], uuid[]", "")]
    [InlineData(nameof(QueueSql.Nack), "text, bigint[], uuid[], float8[], text[]", ", '{0}', '{x}'")]
    public async Task Statements_on_held_items_look_them_up_by_primary_key_however_many_are_claimed(string statement, string types, string extra)
    {
        await app.DefineExternalAsync("held-plan");
        await using var connection = await app.Database.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            DELETE FROM queue_items WHERE queue = 'held-plan';
            INSERT INTO queue_items (queue, state, payload, lease_token, lease_expires_at)
            SELECT 'held-plan', 'claimed', '{}', gen_random_uuid(), now() + interval '1 minute' FROM generate_series(1, 5000);
            ANALYZE queue_items;
            """);
        var sql = (string)typeof(QueueSql).GetField(statement)!.GetValue(null)!;

        var plan = await GenericPlanAsync(connection, sql, types, $"'held-plan', '{{1,2}}', '{{{Token},{Token}}}'{extra}");

        Assert.Contains("Index Scan using queue_items_pkey", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("queue_items_leases", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan on queue_items", plan, StringComparison.Ordinal);
    }

    /// <summary>The plan the Api's queue pool gets: prepared, with generic plans forced.</summary>
    private static async Task<string> GenericPlanAsync(NpgsqlConnection connection, string sql, string types, string args)
    {
        await using var tx = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("SET LOCAL plan_cache_mode = force_generic_plan", transaction: tx);
        await connection.ExecuteAsync($"PREPARE plan_under_test ({types}) AS {sql}", transaction: tx);
        var plan = string.Join('\n', await connection.QueryAsync<string>($"EXPLAIN EXECUTE plan_under_test ({args})", transaction: tx));
        await tx.RollbackAsync();
        await connection.ExecuteAsync("DEALLOCATE ALL");
        return plan;
    }
}
