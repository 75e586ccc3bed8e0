using System.Text.Json.Nodes;
using Overseer.AppHost.Publish;
using Overseer.AppHost.Publish.Values;
using Overseer.Testing;
using YamlDotNet.RepresentationModel;

namespace Overseer.AppHost.Tests.Publish;

/// <summary>One publish into a fresh temporary directory (<see cref="Dir"/> inside <see cref="Parent"/>), removed on dispose.</summary>
internal sealed class Published : IDisposable
{
    private readonly string? _valuesDir;

    private Published(string parent, string console, string? valuesDir)
    {
        Parent = parent;
        Console = console;
        _valuesDir = valuesDir;
    }

    /// <summary>The temporary directory holding <see cref="Dir"/> and nothing else (unless publish left something behind).</summary>
    public string Parent { get; }

    public string Dir => Path.Combine(Parent, "out");

    /// <summary>What publish printed.</summary>
    public string Console { get; }

    /// <summary>Publishes the named scenario: "default" (no values file) or a file under Publish/Values.</summary>
    public static Published Scenario(string name) => Run(name == "default" ? null : ScenarioFile(name));

    /// <summary>Publishes with <paramref name="valuesYaml"/> as the values file (null: no values file).</summary>
    public static Published WithValues(string? valuesYaml)
    {
        if (valuesYaml is null)
        {
            return Run(null);
        }
        var valuesDir = TestDirectories.Create("values");
        var file = Path.Combine(valuesDir, "values.yaml");
        File.WriteAllText(file, valuesYaml);
        return Run(file, valuesDir);
    }

    public static string ScenarioFile(string name) => Path.Combine(RepoPaths.Root, "tests", "AppHost.Tests", "Publish", "Values", name + ".yaml");

    /// <summary>Runs publish and expects it to fail: answers the error; asserts nothing was written.</summary>
    public static PublishException Failing(string valuesYaml)
    {
        var parent = TestDirectories.Create("publish");
        var file = Path.Combine(TestDirectories.Create("values"), "values.yaml");
        File.WriteAllText(file, valuesYaml);
        try
        {
            var error = Assert.Throws<PublishException>(() =>
                new PublishCommand(new PublishOptions { OutputDir = Path.Combine(parent, "out"), ValuesFile = file }, TextWriter.Null).Run());
            Assert.Empty(Directory.EnumerateFileSystemEntries(parent));
            return error;
        }
        finally
        {
            TestDirectories.Delete(parent);
            TestDirectories.Delete(Path.GetDirectoryName(file)!);
        }
    }

    /// <summary>File names as kustomization.yaml lists them.</summary>
    public IReadOnlyList<string> Resources => [.. Parse(Read("kustomization.yaml"))!["resources"]!.AsArray().Select(n => n!.GetValue<string>())];

    /// <summary>Every object written, in kustomization order.</summary>
    public IReadOnlyList<JsonObject> Objects => [.. Resources.Select(f => Parse(Read(f))!.AsObject())];

    public JsonObject Object(string kind, string name) =>
        Objects.Single(o => o["kind"]!.GetValue<string>() == kind && o["metadata"]!["name"]!.GetValue<string>() == name);

    public string Read(string file) => File.ReadAllText(Path.Combine(Dir, file));

    public void Dispose()
    {
        TestDirectories.Delete(Parent);
        if (_valuesDir is not null)
        {
            TestDirectories.Delete(_valuesDir);
        }
    }

    public static JsonNode? Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return YamlTree.ToJson(stream.Documents.Single().RootNode);
    }

    private static Published Run(string? valuesFile, string? valuesDir = null)
    {
        var parent = TestDirectories.Create("publish");
        var console = new StringWriter();
        try
        {
            new PublishCommand(new PublishOptions { OutputDir = Path.Combine(parent, "out"), ValuesFile = valuesFile }, console).Run();
            return new Published(parent, console.ToString(), valuesDir);
        }
        catch
        {
            TestDirectories.Delete(parent);
            if (valuesDir is not null)
            {
                TestDirectories.Delete(valuesDir);
            }
            throw;
        }
    }
}
