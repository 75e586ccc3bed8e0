using System.Text.Json;
using System.Text.Json.Nodes;
using Overseer.Testing;

namespace Overseer.AppHost.Tests.Publish;

/// <summary>
/// <c>--publisher manifest</c>: Aspire's manifest of the same app model a local run starts (what aspirate reads).
/// </summary>
public sealed class AspireManifestTests
{
    [Fact]
    public async Task Manifest_has_every_resource_with_its_wiring_and_secrets_only_as_parameters()
    {
        var manifest = await PublishAsync();
        var resources = manifest["resources"]!.AsObject();

        Assert.Equal(["admin-token", "api", "dashboard", "forwarding-key", "overseer", "postgres", "postgres-password", "result-master-key", "sidecar"],
            resources.Select(r => r.Key).Order());
        foreach (var secret in new[] { "admin-token", "forwarding-key", "postgres-password", "result-master-key" })
        {
            Assert.Equal("parameter.v0", (string?)resources[secret]!["type"]);
            Assert.True((bool?)resources[secret]!["inputs"]!["value"]!["secret"]);
        }
        Assert.Equal("container.v0", (string?)resources["postgres"]!["type"]);
        foreach (var project in new[] { "api", "dashboard", "sidecar" })
        {
            Assert.Equal("project.v0", (string?)resources[project]!["type"]);
            var env = resources[project]!["env"]!.AsObject();
            Assert.Equal("{api.bindings.http.url}", (string?)env["services__api__http__0"]);
            Assert.Equal("{sidecar.bindings.http.url}", (string?)env["services__sidecar__http__0"]);
        }
        var api = resources["api"]!["env"]!.AsObject();
        Assert.Equal("{overseer.connectionString}", (string?)api["ConnectionStrings__overseer"]);
        Assert.Equal("{admin-token.value}", (string?)api["OVERSEER_ADMIN_TOKEN"]);
        Assert.Equal("{result-master-key.value}", (string?)api["Results__MasterKey"]);
        Assert.Equal("{sidecar.bindings.proxy.targetPort}", (string?)resources["sidecar"]!["env"]!["Proxy__Port"]);
        Assert.Equal("docker.io/library/postgres:16", (string?)resources["postgres"]!["image"]);
        // A local run's paths and executor settings are not part of what gets deployed.
        Assert.DoesNotContain("Executor__", manifest.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(RepoPaths.Root, manifest.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api", "overseer-api")]
    [InlineData("dashboard", "overseer-dashboard")]
    public async Task Kustomize_Deployment_reads_from_the_Secret_exactly_the_secret_variables_of_the_app_model(string resource, string deployment)
    {
        var manifest = await PublishAsync();
        var resources = manifest["resources"]!.AsObject();
        var secretParameters = resources.Where(r => (string?)r.Value!["type"] == "parameter.v0" && (bool?)r.Value!["inputs"]?["value"]?["secret"] == true)
            .Select(r => r.Key).ToHashSet();
        // In the Aspire manifest: each variable whose value is one secret parameter (key: its name), and the connection string.
        var model = resources[resource]!["env"]!.AsObject()
            .Select(e => (Variable: e.Key, Value: (string?)e.Value ?? ""))
            .Select(e => e.Value == "{overseer.connectionString}" ? (e.Variable, Key: "connection-string")
                : e.Value.StartsWith('{') && e.Value.EndsWith(".value}", StringComparison.Ordinal) && secretParameters.Contains(e.Value[1..^7]) ? (e.Variable, Key: e.Value[1..^7])
                : (e.Variable, Key: ""))
            .Where(e => e.Key.Length > 0)
            .Order().ToList();

        using var published = Published.Scenario("default");
        var container = published.Object("Deployment", deployment)["spec"]!["template"]!["spec"]!["containers"]![0]!;
        var kustomize = container["env"]!.AsArray()
            .Select(e => ((string)e!["name"]!, (string)e["valueFrom"]!["secretKeyRef"]!["key"]!))
            .Order().ToList();

        Assert.NotEmpty(kustomize);
        Assert.Equal(model, kustomize);
    }

    [Fact]
    public async Task Manifest_matches_its_snapshot()
    {
        var manifest = await PublishAsync();
        Snapshot.Match("aspire-manifest", manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", "json");
    }

    /// <summary>Writes the manifest; project paths are made relative to the repository so the text does not depend on where it was written.</summary>
    private static async Task<JsonObject> PublishAsync()
    {
        var dir = TestDirectories.Create("aspire-manifest");
        try
        {
            var file = Path.Combine(dir, "aspire-manifest.json");
            var run = await Tool.RunAsync("dotnet", RepoPaths.Built("AppHost", "Overseer.AppHost.dll"), "--publisher", "manifest", "--output-path", file);
            Assert.True(run.ExitCode == 0, run.ToString());
            var manifest = JsonNode.Parse(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken))!.AsObject();
            foreach (var (_, resource) in manifest["resources"]!.AsObject())
            {
                if (resource!["path"] is JsonValue path)
                {
                    resource["path"] = Path.GetRelativePath(RepoPaths.Root, Path.GetFullPath(Path.Combine(dir, (string)path!)));
                }
            }
            return manifest;
        }
        finally
        {
            TestDirectories.Delete(dir);
        }
    }
}
