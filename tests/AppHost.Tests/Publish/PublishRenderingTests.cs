using YamlDotNet.RepresentationModel;

namespace Overseer.AppHost.Tests.Publish;

/// <summary><c>kubectl kustomize</c> (kubectl is a test prerequisite; ./test.sh installs it) accepts the output.</summary>
public sealed class PublishRenderingTests
{
    [Theory]
    [InlineData("default", "overseer")]
    [InlineData("full", "jobs-prod")]
    [InlineData("lean", "team-a")]
    public async Task Kubectl_kustomize_renders_every_object_in_the_namespace(string scenario, string ns)
    {
        using var published = Published.Scenario(scenario);

        var result = await Tool.RunAsync("kubectl", "kustomize", published.Dir);

        Assert.True(result.ExitCode == 0, result.ToString());
        var stream = new YamlStream();
        stream.Load(new StringReader(result.Stdout));
        var rendered = stream.Documents.Select(d => Published.Parse(Serialize(d))!).ToList();
        Assert.Equal(published.Resources.Count, rendered.Count);
        foreach (var obj in rendered.Where(o => o["kind"]!.GetValue<string>() != "Namespace"))
        {
            Assert.Equal(ns, obj["metadata"]!["namespace"]!.GetValue<string>());
        }
    }

    private static string Serialize(YamlDocument document)
    {
        var text = new StringWriter();
        new YamlStream(document).Save(text, assignAnchors: false);
        return text.ToString();
    }
}
