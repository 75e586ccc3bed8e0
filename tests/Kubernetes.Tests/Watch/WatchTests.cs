using Overseer.Api.Kubernetes;
using Overseer.Api.Kubernetes.Models;
using Overseer.Api.Kubernetes.Resources;
using Overseer.KubeSim.Hosting;
using Overseer.Kubernetes.Tests.Errors;
using Overseer.Kubernetes.Tests.Infrastructure;

namespace Overseer.Kubernetes.Tests.Watch;

/// <summary>Single watch streams: event order, resume from a resourceVersion, bookmarks.</summary>
public sealed class WatchTests
{
    [Fact]
    public async Task Watch_from_a_list_streams_changes_and_bookmarks_in_order()
    {
        await using var sim = await TestSim.StartAsync(new KubeSimOptions { BookmarkInterval = TimeSpan.FromMilliseconds(100) });
        var client = sim.Client();
        await client.Leases.CreateAsync("default", TypedErrorsTests.Lease("before"));
        var list = await client.Leases.ListAsync("default");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var seen = new List<(WatchEventType Type, string? Name)>();
        string? bookmark = null;

        var watching = Task.Run(async () =>
        {
            await foreach (var e in client.Leases.WatchAsync("default", new WatchOptions { ResourceVersion = list.Metadata.ResourceVersion }, timeout.Token))
            {
                if (e.Type == WatchEventType.Bookmark)
                {
                    bookmark = e.Object.Metadata.ResourceVersion;
                    if (seen.Count == 3)
                    {
                        return;
                    }
                    continue;
                }
                seen.Add((e.Type, e.Object.Metadata.Name));
            }
        }, timeout.Token);
        var created = await client.Leases.CreateAsync("default", TypedErrorsTests.Lease("during"));
        created.Spec!.HolderIdentity = "changed";
        await client.Leases.ReplaceAsync("default", created);
        await client.Leases.DeleteAsync("default", "during");
        await watching;

        Assert.Equal([(WatchEventType.Added, "during"), (WatchEventType.Modified, "during"), (WatchEventType.Deleted, "during")], seen);
        Assert.Equal(sim.Cluster.Store.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture), bookmark);
    }

    [Fact]
    public async Task Watch_without_a_resourceVersion_starts_with_the_current_objects_and_ends_at_its_timeout()
    {
        await using var sim = await TestSim.StartAsync();
        var client = sim.Client();
        await client.Leases.CreateAsync("default", TypedErrorsTests.Lease("one"));
        await client.Leases.CreateAsync("default", TypedErrorsTests.Lease("two"));

        var events = new List<WatchEvent<Lease>>();
        await foreach (var e in client.Leases.WatchAsync("default", new WatchOptions { AllowBookmarks = false, Timeout = TimeSpan.FromSeconds(1) },
                           TestContext.Current.CancellationToken))
        {
            events.Add(e);
        }

        Assert.Equal(["one", "two"], events.Select(e => e.Object.Metadata.Name));
        Assert.All(events, e => Assert.Equal(WatchEventType.Added, e.Type));
    }
}
