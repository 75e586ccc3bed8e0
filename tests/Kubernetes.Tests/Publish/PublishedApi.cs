using System.Text.Json.Nodes;
using Overseer.AppHost.Publish;
using Overseer.AppHost.Publish.Values;
using Overseer.Testing;
using YamlDotNet.RepresentationModel;

namespace Overseer.Kubernetes.Tests.Publish;

/// <summary>The default publish output (<c>publish --output DIR</c>, no values file) in a temporary directory, and the Api's objects in it.</summary>
public sealed class PublishedApi : IDisposable
{
    private readonly string _parent = TestDirectories.Create("publish");

    public PublishedApi()
    {
        new PublishCommand(new PublishOptions { OutputDir = Dir }, TextWriter.Null).Run();
        Deployment = Read("deployment-overseer-api.yaml");
        ConfigMap = Read("configmap-overseer-api.yaml");
    }

    /// <summary>The kustomize base.</summary>
    public string Dir => Path.Combine(_parent, "out");

    /// <summary>The published ConfigMap file, for <c>kubectl create -f</c>.</summary>
    public string ConfigMapFile => Path.Combine(Dir, "configmap-overseer-api.yaml");

    public JsonObject Deployment { get; }

    public JsonObject ConfigMap { get; }

    public string Namespace => Deployment["metadata"]!["namespace"]!.GetValue<string>();

    /// <summary>The Deployment's pod template as a Pod named <paramref name="name"/>, as the ReplicaSet controller would create it.</summary>
    public JsonObject Pod(string name)
    {
        var template = Deployment["spec"]!["template"]!;
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = Namespace,
                ["labels"] = template["metadata"]!["labels"]!.DeepClone(),
                ["annotations"] = template["metadata"]!["annotations"]!.DeepClone(),
            },
            ["spec"] = template["spec"]!.DeepClone(),
        };
    }

    public void Dispose() => TestDirectories.Delete(_parent);

    private JsonObject Read(string file)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(Dir, file))));
        return YamlTree.ToJson(stream.Documents.Single().RootNode)!.AsObject();
    }
}
