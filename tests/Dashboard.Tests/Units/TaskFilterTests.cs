using Overseer.Contracts.Tasks;
using Overseer.Dashboard.Tasks;

namespace Overseer.Dashboard.Tests.Units;

public sealed class TaskFilterTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Filters_become_an_api_query_and_a_link_that_keeps_them()
    {
        var filter = new TaskFilter { States = [TaskState.Failed, TaskState.Lost], Name = " nightly ", Label = "team=blue", Range = "1h" };

        var query = filter.ToQuery(Now, "cursor-1", 50);

        Assert.Equal([TaskState.Failed, TaskState.Lost], query.States);
        Assert.Equal("nightly", query.NameContains);
        Assert.Equal("blue", query.Labels["team"]);
        Assert.Equal(Now.AddHours(-1), query.CreatedAfter);
        Assert.Null(query.CreatedBefore);
        Assert.Equal("/tasks?state=Failed&state=Lost&name=%20nightly%20&label=team%3Dblue&range=1h&cursor=c2", filter.Url("c2"));
    }

    [Fact]
    public void A_custom_range_is_read_as_utc_and_bad_values_are_named()
    {
        var good = new TaskFilter { Range = "custom", From = "2026-01-30T08:00", To = "2026-01-30T09:30" }.ToQuery(Now, null, 10);
        var bad = new TaskFilter { Range = "custom", From = "yesterday", Label = "novalue", Workflow = "nope", Queue = "Not_A_Queue" }.Problems();

        Assert.Equal(new DateTimeOffset(2026, 1, 30, 8, 0, 0, TimeSpan.Zero), good.CreatedAfter);
        Assert.Equal(new DateTimeOffset(2026, 1, 30, 9, 30, 0, TimeSpan.Zero), good.CreatedBefore);
        Assert.Equal(["label", "queue", "range", "workflow"], bad.Keys.Order());
    }

    [Fact]
    public void Queue_filter_selects_the_tasks_of_its_pools_alongside_a_label()
    {
        var filter = new TaskFilter { Queue = " orders ", Label = "team=blue" };

        var query = filter.ToQuery(Now, null, 50);

        Assert.Equal(new Dictionary<string, string> { ["team"] = "blue", ["overseer.dev/queue"] = "orders" }, query.Labels);
        Assert.Equal("/tasks?label=team%3Dblue&queue=%20orders%20", filter.Url());
    }
}
