using Overseer.Testing;

namespace Overseer.AppHost.Tests.Publish;

/// <summary>The <c>publish</c> verb of the built AppHost, as a user runs it.</summary>
public sealed class PublishCliTests
{
    private static readonly string AppHost = RepoPaths.Built("AppHost", "Overseer.AppHost.dll");

    [Fact]
    public async Task Publish_writes_the_manifests_and_exits_zero()
    {
        var dir = TestDirectories.Create("cli");
        try
        {
            var result = await Tool.RunAsync("dotnet", AppHost, "publish", "--output", Path.Combine(dir, "k8s"));

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("Install with: kubectl apply -k", result.Stdout, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(dir, "k8s", "kustomization.yaml")));
        }
        finally
        {
            TestDirectories.Delete(dir);
        }
    }

    [Fact]
    public async Task Bad_values_exit_two_with_the_key_on_stderr_and_nothing_written()
    {
        var dir = TestDirectories.Create("cli");
        try
        {
            var values = Path.Combine(dir, "values.yaml");
            await File.WriteAllTextAsync(values, "global:\n  checkTimeout: 901\n", TestContext.Current.CancellationToken);

            var result = await Tool.RunAsync("dotnet", AppHost, "publish", "--output", Path.Combine(dir, "k8s"), "--values", values);

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("error: global.checkTimeout: 901 is out of range; allowed: 1..900", result.Stderr, StringComparison.Ordinal);
            Assert.Contains("Nothing was written.", result.Stderr, StringComparison.Ordinal);
            Assert.Equal(["values.yaml"], Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName));
        }
        finally
        {
            TestDirectories.Delete(dir);
        }
    }

    [Fact]
    public async Task Output_is_required()
    {
        var result = await Tool.RunAsync("dotnet", AppHost, "publish");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--output", result.Stderr, StringComparison.Ordinal);
    }
}
