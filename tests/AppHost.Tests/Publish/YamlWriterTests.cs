using System.Text.Json.Nodes;
using Overseer.AppHost.Publish.Manifests;

namespace Overseer.AppHost.Tests.Publish;

public sealed class YamlWriterTests
{
    [Theory]
    [InlineData("true")]
    [InlineData("False")]
    [InlineData("on")]
    [InlineData("no")]
    [InlineData("y")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("")]
    [InlineData("8080")]
    [InlineData("0755")]
    [InlineData("1e3")]
    [InlineData("-1")]
    [InlineData(".5")]
    [InlineData(".inf")]
    [InlineData("::/0")]
    [InlineData("a: b")]
    [InlineData("# not a comment")]
    [InlineData("- not a list")]
    [InlineData("*not-an-alias")]
    [InlineData("'quoted'")]
    [InlineData("line one\nline two")]
    [InlineData("SELECT count(*) FROM tasks WHERE state = 'Queued'")]
    public void Strings_read_back_as_the_same_strings(string text)
    {
        var yaml = YamlWriter.Write(new JsonObject { ["key"] = text, ["list"] = new JsonArray(text) });

        var back = Published.Parse(yaml)!;

        Assert.Equal(text, back["key"]!.GetValue<string>());
        Assert.Equal(text, back["list"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Numbers_booleans_and_empty_containers_keep_their_types()
    {
        var yaml = YamlWriter.Write(new JsonObject { ["port"] = 8080, ["b"] = false, ["m"] = new JsonObject(), ["l"] = new JsonArray() }, "# header");

        Assert.Equal("# header\nport: 8080\nb: false\nm: {}\nl: []\n", yaml);
    }
}
