using Overseer.AppHost.Publish;
using Overseer.Testing;

namespace Overseer.AppHost.Tests.Publish;

/// <summary>The output directory is written all or nothing, and only an earlier publish is ever replaced.</summary>
public sealed class PublishOutputTests
{
    [Fact]
    public void Publishing_again_replaces_an_earlier_output_and_drops_files_no_longer_written()
    {
        using var published = Published.Scenario("default");
        Assert.True(File.Exists(Path.Combine(published.Dir, "deployment-overseer-dashboard.yaml")));

        Publish(published.Dir, "dashboard: {enabled: false}");

        Assert.False(File.Exists(Path.Combine(published.Dir, "deployment-overseer-dashboard.yaml")));
        Assert.True(File.Exists(Path.Combine(published.Dir, "deployment-overseer-api.yaml")));
        Assert.Equal(["out"], Directory.EnumerateFileSystemEntries(published.Parent).Select(Path.GetFileName));
    }

    [Fact]
    public void Bad_values_leave_an_earlier_output_untouched()
    {
        using var published = Published.Scenario("default");
        var before = Snapshot.Of(published);

        Assert.Throws<PublishException>(() => Publish(published.Dir, "global: {checkTimeout: 901}"));

        Assert.Equal(before, Snapshot.Of(published));
        Assert.Equal(["out"], Directory.EnumerateFileSystemEntries(published.Parent).Select(Path.GetFileName));
    }

    [Fact]
    public void A_directory_that_is_not_an_earlier_publish_is_never_replaced()
    {
        var dir = TestDirectories.Create("publish");
        try
        {
            File.WriteAllText(Path.Combine(dir, "notes.txt"), "mine");

            var error = Assert.Throws<PublishException>(() => Publish(dir, null));

            Assert.Contains("exists and is not an earlier publish output", error.Message, StringComparison.Ordinal);
            Assert.Equal(["notes.txt"], Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName));
        }
        finally
        {
            TestDirectories.Delete(dir);
        }
    }

    [Fact]
    public void An_empty_directory_is_used_and_a_file_is_refused()
    {
        var dir = TestDirectories.Create("publish");
        try
        {
            var empty = Directory.CreateDirectory(Path.Combine(dir, "empty")).FullName;
            Publish(empty, null);
            Assert.True(File.Exists(Path.Combine(empty, "kustomization.yaml")));

            var file = Path.Combine(dir, "file");
            File.WriteAllText(file, "");
            var error = Assert.Throws<PublishException>(() => Publish(file, null));
            Assert.Contains("is a file; give a directory", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            TestDirectories.Delete(dir);
        }
    }

    [Fact]
    public void Publish_says_what_it_wrote_and_how_to_install_it()
    {
        using var published = Published.Scenario("default");

        Assert.Contains("Wrote 16 objects for namespace 'overseer'", published.Console, StringComparison.Ordinal);
        Assert.Contains("The pods read the Secret 'overseer-secrets', which you create (keys: connection-string, admin-token, forwarding-key, result-master-key)",
            published.Console, StringComparison.Ordinal);
        Assert.Contains($"kubectl apply -k {published.Dir}", published.Console, StringComparison.Ordinal);
    }

    private static void Publish(string dir, string? values)
    {
        string? file = null;
        if (values is not null)
        {
            file = Path.Combine(Path.GetTempPath(), $"overseer-values-{Guid.NewGuid():N}.yaml");
            File.WriteAllText(file, values);
        }
        try
        {
            new PublishCommand(new PublishOptions { OutputDir = dir, ValuesFile = file }, TextWriter.Null).Run();
        }
        finally
        {
            if (file is not null)
            {
                File.Delete(file);
            }
        }
    }
}
