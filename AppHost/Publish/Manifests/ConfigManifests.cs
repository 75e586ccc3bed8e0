using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Overseer.AppHost.Publish.Values;

namespace Overseer.AppHost.Publish.Manifests;

/// <summary>
/// The ConfigMaps of the Api and the Dashboard: non-secret settings only, as environment variables in .NET's
/// configuration form (<c>Section__Key</c>). Every key is described in docs/configuration.md.
/// </summary>
internal static class ConfigManifests
{
    public static readonly string ApiUrl = $"http://{ObjectNames.Api}:{ObjectNames.HttpPort}";

    public static KubeObject Api(PublishValues v)
    {
        var data = new JsonObject
        {
            ["ASPNETCORE_HTTP_PORTS"] = ObjectNames.HttpPort.ToString(CultureInfo.InvariantCulture),
            ["OTEL_SERVICE_NAME"] = ObjectNames.ApiComponent,
            ["Logging__LogLevel__Default"] = v.LogLevel,
            ["Executor__Kind"] = "kubernetes",
            ["Tasks__DefaultTimeoutSeconds"] = v.Global.CheckTimeout.ToString(CultureInfo.InvariantCulture),
            ["Tasks__MaxTimeoutSeconds"] = v.Task.MaxTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
            ["services__api__http__0"] = ApiUrl,
            ["Kubernetes__Namespace"] = v.Namespace.Name,
            ["Kubernetes__JobServiceAccount"] = ObjectNames.TaskServiceAccount,
            ["Kubernetes__SidecarImage"] = v.Sidecar.Image.Reference(v.Global),
            ["Kubernetes__RuntimeImage"] = v.Runtime.Image.Reference(v.Global),
            ["Kubernetes__ImagePullPolicy"] = v.Global.ImagePullPolicy,
        };
        Indexed(data, "Kubernetes__ImagePullSecrets", v.Global.ImagePullSecrets);
        foreach (var (name, quantity) in v.Sidecar.Resources.Requests)
        {
            data[$"Kubernetes__SidecarResources__Requests__{name}"] = quantity;
        }
        foreach (var (name, quantity) in v.Sidecar.Resources.Limits)
        {
            data[$"Kubernetes__SidecarResources__Limits__{name}"] = quantity;
        }
        // Pod-level settings of job pods are Kubernetes objects; they travel as JSON so label keys with '/' survive.
        if (PodDefaults.Annotations(v.Global, v.Task.PodAnnotations) is { } annotations)
        {
            data["Kubernetes__TaskPod__Annotations"] = annotations.ToJsonString();
        }
        if (v.Task.Placement.NodeSelectorJson() is { } nodeSelector)
        {
            data["Kubernetes__TaskPod__NodeSelector"] = nodeSelector.ToJsonString();
        }
        if (v.Task.Placement.Tolerations.Count > 0)
        {
            data["Kubernetes__TaskPod__Tolerations"] = v.Task.Placement.Tolerations.ToJsonString();
        }
        if (v.Task.Placement.Affinity.Count > 0)
        {
            data["Kubernetes__TaskPod__Affinity"] = v.Task.Placement.Affinity.ToJsonString();
        }
        data["Sidecar__AllowMetadataService"] = v.Task.AllowMetadataService ? "true" : "false";
        Indexed(data, "Sidecar__Allow", v.Sidecar.Allow);
        return ConfigMap(v, ObjectNames.Api, ObjectNames.ApiComponent, data);
    }

    public static KubeObject Dashboard(PublishValues v) => ConfigMap(v, ObjectNames.Dashboard, ObjectNames.DashboardComponent, new JsonObject
    {
        ["ASPNETCORE_HTTP_PORTS"] = ObjectNames.HttpPort.ToString(CultureInfo.InvariantCulture),
        ["OTEL_SERVICE_NAME"] = ObjectNames.DashboardComponent,
        ["Logging__LogLevel__Default"] = v.LogLevel,
        ["services__api__http__0"] = ApiUrl,
        ["Dashboard__Admin__User"] = "admin",
    });

    /// <summary>A short hash of a ConfigMap's data; as a pod annotation it rolls the pods when the settings change.</summary>
    public static string Hash(KubeObject configMap)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(configMap.Body["data"]!.ToJsonString()));
        return Convert.ToHexStringLower(bytes)[..16];
    }

    private static KubeObject ConfigMap(PublishValues v, string name, string component, JsonObject data) =>
        KubeObject.Create("v1", "ConfigMap", name, v.Namespace.Name, Labels.For(component), ("data", data));

    private static void Indexed(JsonObject data, string prefix, IReadOnlyList<string> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            data[$"{prefix}__{i}"] = items[i];
        }
    }
}
