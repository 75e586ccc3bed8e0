using System.Text.Json.Nodes;
using Overseer.AppHost.Publish.Values;
using Overseer.Testing;

namespace Overseer.AppHost.Tests.Publish;

public sealed class PublishSnapshotTests
{
    [Theory]
    [InlineData("default")]
    [InlineData("full")]
    [InlineData("lean")]
    public void Output_matches_the_verified_snapshot(string scenario)
    {
        using var published = Published.Scenario(scenario);

        Snapshot.Match(scenario, Snapshot.Of(published));
    }

    [Fact]
    public void Publishing_the_same_values_twice_writes_identical_files()
    {
        using var first = Published.Scenario("full");
        using var second = Published.Scenario("full");

        Assert.Equal(Snapshot.Of(first), Snapshot.Of(second));
    }

    [Fact]
    public void The_documented_values_file_holds_every_key_and_publishes_exactly_the_defaults()
    {
        var documentedText = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "publish-values.yaml"));
        PublishValues.Read(null, out var keys);
        var documented = Published.Parse(documentedText)!;

        Assert.Equal([], keys.Where(k => k.Split('.').Aggregate((JsonNode?)documented, (node, part) => node?[part]) is null));

        using var none = Published.Scenario("default");
        using var withDocumented = Published.WithValues(documentedText);
        Assert.Equal(Snapshot.Of(none), Snapshot.Of(withDocumented));
    }

    [Fact]
    public void The_publish_guide_describes_every_key()
    {
        var guide = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "publish.md"));
        PublishValues.Read(null, out var keys);

        Assert.Equal([], keys.Where(k => !guide.Contains($"`{k}`", StringComparison.Ordinal)));
    }
}
