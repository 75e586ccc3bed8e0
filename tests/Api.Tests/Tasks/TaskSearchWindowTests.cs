using Dapper;
using Overseer.Api.Tasks;
using Overseer.Api.Tests.Infrastructure;
using Overseer.Contracts.Client;

namespace Overseer.Api.Tests.Tasks;

public sealed class TaskSearchWindowTests(ApiApplication app) : IClassFixture<ApiApplication>
{
    [Fact]
    public async Task A_name_search_checks_a_bounded_window_and_its_cursor_continues_into_older_history()
    {
        var client = app.AdminClient();
        await using (var connection = await app.Database.OpenConnectionAsync())
        {
            // One old "needle", then more fillers than a window holds, all newer (ids are time-ordered).
            await connection.ExecuteAsync("""
                INSERT INTO tasks (id, name, kind, state, spec, retries, created_at, finished_at)
                SELECT (lpad(to_hex((extract(epoch FROM ts) * 1000)::bigint), 12, '0') || '7' || substr(md5(g::text), 1, 3) || '8' || substr(md5(g::text), 4, 15))::uuid,
                       CASE WHEN g = 0 THEN 'needle' ELSE 'filler-' || g END, 'task', 'Succeeded', '{"name": "x", "command": ["true"]}', 0, ts, ts
                FROM generate_series(0, @fillers) AS g, LATERAL (SELECT now() - interval '1 day' + make_interval(secs => g) AS ts) t
                """, new { fillers = TaskStore.ScanWindow + 100 });
        }

        var first = await client.ListTasksAsync(new TaskQuery { NameContains = "needle" });
        var second = await client.ListTasksAsync(new TaskQuery { NameContains = "needle", Cursor = first.NextCursor });
        var unwindowed = await client.ListTasksAsync(new TaskQuery { NamePrefix = "needle" });

        Assert.Empty(first.Items);
        Assert.NotNull(first.NextCursor);
        Assert.Equal(["needle"], second.Items.Select(t => t.Name));
        Assert.Null(second.NextCursor);
        Assert.Equal(["needle"], unwindowed.Items.Select(t => t.Name));
    }
}
