using FsCheck;
using FsCheck.Fluent;
using Overseer.AppHost.Publish;
using Overseer.AppHost.Publish.Manifests;
using Overseer.AppHost.Publish.Output;
using Overseer.AppHost.Publish.Values;
using Overseer.Testing.BadInput;

namespace Overseer.AppHost.Tests.Publish;

/// <summary>
/// Hostile values files either publish (the manifests render) or stop with a <see cref="PublishException"/> naming the
/// problem; never another exception, never a hang.
/// </summary>
public sealed class ValuesFilePropertyTests
{
    private static readonly string[] YamlSeeds = [File.ReadAllText(Published.ScenarioFile("full")), File.ReadAllText(Published.ScenarioFile("lean")),
        "api: {replicas: 2}\nsecrets: {adminToken: 0123456789abcdef0, connectionString: 'Host=db;Database=x'}\n"];

    private static readonly string[] JsonSeeds = [.. YamlSeeds.Select(y => Published.Parse(y)!.ToJsonString())];

    [Fact]
    public void Every_values_file_publishes_or_stops_with_a_publish_error()
    {
        var (published, refused) = (0, 0);
        Bounded.Check(Hostile.Yaml(YamlSeeds, JsonSeeds), 250, text =>
        {
            var ok = Bounded.Run(() => Publish(text));
            _ = ok ? published++ : refused++;
        });

        Assert.True(published > 0 && refused > 0, $"the generator should produce both kinds ({published} published, {refused} refused)");
    }

    private static bool Publish(string text)
    {
        try
        {
            var values = PublishValues.Read(ValuesFile.Parse(text, "values.yaml"));
            var objects = ManifestSet.Build(values);
            Assert.NotEmpty(ManifestFiles.Render(objects, values.Namespace.Name));
            return true;
        }
        catch (PublishException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
            return false;
        }
    }
}
