using Overseer.Testing;

namespace Overseer.AppHost.Tests.Publish;

/// <summary>
/// Every object validates against the Kubernetes OpenAPI schemas, through tests/kube-schema/validate.mjs
/// (npm package kubernetes-models; ./test.sh runs <c>npm ci</c> there first).
/// </summary>
public sealed class PublishSchemaTests
{
    private static string Script
    {
        get
        {
            var dir = Path.Combine(RepoPaths.Root, "tests", "kube-schema");
            Assert.True(Directory.Exists(Path.Combine(dir, "node_modules")),
                $"{dir}/node_modules is missing: run ./test.sh, or `npm ci` in {dir}");
            return Path.Combine(dir, "validate.mjs");
        }
    }

    [Theory]
    [InlineData("default")]
    [InlineData("full")]
    [InlineData("lean")]
    public async Task Every_object_validates_against_the_Kubernetes_schemas(string scenario)
    {
        using var published = Published.Scenario(scenario);

        var result = await Tool.RunAsync("node", Script, published.Dir);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"{published.Resources.Count} valid, 0 invalid", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_schema_check_rejects_wrong_types_and_unknown_kinds()
    {
        var dir = TestDirectories.Create("schema");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "broken.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: broken}
                spec:
                  replicas: "three"
                  selector: {matchLabels: {app: x}}
                  template:
                    spec:
                      containers: [{name: c, image: i, imagePullPolicy: Sometimes}]
                ---
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: w}
                """, TestContext.Current.CancellationToken);

            var result = await Tool.RunAsync("node", Script, dir);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("/spec/replicas must be integer", result.Stderr, StringComparison.Ordinal);
            Assert.Contains("imagePullPolicy must be equal to one of the allowed values", result.Stderr, StringComparison.Ordinal);
            Assert.Contains("no schema for example.com/v1 Widget", result.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            TestDirectories.Delete(dir);
        }
    }
}
