using Dapper;
using Overseer.Api.Queues;

namespace Overseer.Api.Tests.Queues;

/// <summary>The claim reads one ordered partial index (no sort, no finished rows), however much history the table holds.</summary>
public sealed class ClaimPlanTests(QueueApiApplication app) : IClassFixture<QueueApiApplication>
{
    [Fact]
    public async Task Claim_scans_the_partial_claim_index_in_order_without_sorting_or_touching_finished_items()
    {
        await app.DefineExternalAsync("planned");
        await using var connection = await app.Database.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            INSERT INTO queue_items (queue, state, payload, finished_at, lease_token)
            SELECT 'planned', 'done', '{}', now(), gen_random_uuid() FROM generate_series(1, 50000);
            INSERT INTO queue_items (queue, payload, priority) SELECT 'planned', '{}', n % 3 FROM generate_series(1, 1000) n;
            ANALYZE queue_items;
            """);

        await using var tx = await connection.BeginTransactionAsync();
        var plan = string.Join('\n', await connection.QueryAsync<string>(
            "EXPLAIN (ANALYZE, BUFFERS) " + QueueSql.Claim.Replace("$1", "'planned'").Replace("$2", "5")
                .Replace("$3::bigint[]", "'{}'::bigint[]").Replace("$4::uuid[]", "'{}'::uuid[]"), transaction: tx));
        await tx.RollbackAsync();

        Assert.Contains("Index Scan using queue_items_claim on queue_items", plan, StringComparison.Ordinal);
        Assert.Contains("LockRows", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Sort", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan on queue_items", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ack_looks_items_up_by_primary_key_however_many_items_are_claimed()
    {
        await app.DefineExternalAsync("ack-plan");
        await using var connection = await app.Database.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            INSERT INTO queue_items (queue, state, payload, lease_token, lease_expires_at)
            SELECT 'ack-plan', 'claimed', '{}', gen_random_uuid(), now() + interval '1 minute' FROM generate_series(1, 5000);
            ANALYZE queue_items;
            """);

        await using var tx = await connection.BeginTransactionAsync();
        var plan = string.Join('\n', await connection.QueryAsync<string>(
            "EXPLAIN " + QueueSql.Ack.Replace("$1", "'ack-plan'").Replace("$2::bigint[]", "'{1,2}'::bigint[]")
                .Replace("$3::uuid[]", "'{00000000-0000-0000-0000-000000000001,00000000-0000-0000-0000-000000000002}'::uuid[]"), transaction: tx));
        await tx.RollbackAsync();

        Assert.Contains("queue_items_pkey", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("queue_items_leases", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan on queue_items", plan, StringComparison.Ordinal);
    }
}
