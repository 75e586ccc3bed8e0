using Overseer.AppHost.Publish.Manifests;
using Overseer.AppHost.Publish.Output;
using Overseer.AppHost.Publish.Values;

namespace Overseer.AppHost.Publish;

/// <summary>
/// <c>publish</c>: reads the values file, builds the Kubernetes objects and writes them as a kustomize base
/// (<c>kubectl apply -k DIR</c>). Any problem in the values stops it before anything is written.
/// </summary>
public sealed class PublishCommand(PublishOptions options, TextWriter output)
{
    /// <summary>Publishes; throws <see cref="PublishException"/> for bad values or an unusable output directory.</summary>
    public int Run()
    {
        var values = PublishValues.Read(ValuesFile.Load(options.ValuesFile));
        var objects = ManifestSet.Build(values);
        var files = ManifestFiles.Render(objects, values.Namespace.Name);
        var secretFiles = objects.Where(o => o.Kind == "Secret").Select(o => o.FileName).ToHashSet();
        OutputDirectory.Write(options.OutputDir, files, secretFiles);

        output.WriteLine($"Wrote {objects.Count} objects for namespace '{values.Namespace.Name}' to {options.OutputDir}:");
        foreach (var (name, _) in files)
        {
            output.WriteLine("  " + name);
        }
        output.WriteLine();
        if (values.Secrets.Generate)
        {
            output.WriteLine($"{secretFiles.Single()} holds secret values (file mode 0600): keep it out of version control.");
        }
        else
        {
            output.WriteLine($"The pods read the Secret '{values.Secrets.Name}', which you create (keys: {string.Join(", ", SecretKeys(values))}); see docs/publish.md.");
        }
        output.WriteLine($"Install with: kubectl apply -k {options.OutputDir}");
        return 0;
    }

    private static IEnumerable<string> SecretKeys(PublishValues values)
    {
        yield return SecretsOptions.ConnectionStringKey;
        yield return SecretsOptions.AdminTokenKey;
        yield return SecretsOptions.ForwardingKeyKey;
        yield return SecretsOptions.ResultMasterKeyKey;
        if (values.Postgres.Embedded)
        {
            yield return SecretsOptions.PostgresPasswordKey;
        }
        if (values.Api.Keda.Enabled)
        {
            yield return SecretsOptions.KedaConnectionKey;
        }
    }
}
