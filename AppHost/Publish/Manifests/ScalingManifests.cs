using System.Globalization;
using System.Text.Json.Nodes;
using Overseer.AppHost.Publish.Values;

namespace Overseer.AppHost.Publish.Manifests;

/// <summary>
/// Autoscaling of the Api: a CPU HorizontalPodAutoscaler, or with <c>api.keda.enabled</c> one KEDA ScaledObject that
/// scales on the number of queued tasks (and on CPU too while <c>api.hpa.enabled</c>). KEDA makes its own HPA, so the
/// two are never written together.
/// </summary>
internal static class ScalingManifests
{
    /// <summary>Tasks ready to be claimed now; served by the claim's partial index.</summary>
    public const string QueueDepthQuery = "SELECT count(*) FROM tasks WHERE state = 'Queued' AND run_after <= now()";

    public static IEnumerable<KubeObject> Build(PublishValues v)
    {
        var api = v.Api;
        var target = new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = ObjectNames.Api };
        if (api.Keda.Enabled)
        {
            yield return ScaledObject(v, target);
            yield return KubeObject.Create("keda.sh/v1alpha1", "TriggerAuthentication", ObjectNames.Keda, v.Namespace.Name, Labels.For(ObjectNames.ApiComponent),
                ("spec", new JsonObject
                {
                    ["secretTargetRef"] = new JsonArray(new JsonObject
                    {
                        ["parameter"] = "connection",
                        ["name"] = v.Secrets.Name,
                        ["key"] = SecretsOptions.KedaConnectionKey,
                    }),
                }));
        }
        else if (api.Hpa.Enabled)
        {
            yield return KubeObject.Create("autoscaling/v2", "HorizontalPodAutoscaler", ObjectNames.Api, v.Namespace.Name, Labels.For(ObjectNames.ApiComponent),
                ("spec", new JsonObject
                {
                    ["scaleTargetRef"] = target,
                    ["minReplicas"] = api.Hpa.MinReplicas,
                    ["maxReplicas"] = api.Hpa.MaxReplicas,
                    ["metrics"] = new JsonArray(new JsonObject
                    {
                        ["type"] = "Resource",
                        ["resource"] = new JsonObject
                        {
                            ["name"] = "cpu",
                            ["target"] = new JsonObject { ["type"] = "Utilization", ["averageUtilization"] = api.Hpa.TargetCpuUtilization },
                        },
                    }),
                }));
        }
    }

    private static KubeObject ScaledObject(PublishValues v, JsonObject target)
    {
        var triggers = new JsonArray(new JsonObject
        {
            ["type"] = "postgresql",
            ["metadata"] = new JsonObject
            {
                ["query"] = QueueDepthQuery,
                ["targetQueryValue"] = v.Api.Keda.QueueDepthTarget.ToString(CultureInfo.InvariantCulture),
            },
            ["authenticationRef"] = new JsonObject { ["name"] = ObjectNames.Keda },
        });
        if (v.Api.Hpa.Enabled)
        {
            triggers.Add(new JsonObject
            {
                ["type"] = "cpu",
                ["metricType"] = "Utilization",
                ["metadata"] = new JsonObject { ["value"] = v.Api.Hpa.TargetCpuUtilization.ToString(CultureInfo.InvariantCulture) },
            });
        }
        return KubeObject.Create("keda.sh/v1alpha1", "ScaledObject", ObjectNames.Api, v.Namespace.Name, Labels.For(ObjectNames.ApiComponent),
            ("spec", new JsonObject
            {
                ["scaleTargetRef"] = target,
                ["pollingInterval"] = v.Api.Keda.PollingInterval,
                ["minReplicaCount"] = v.Api.Hpa.MinReplicas,
                ["maxReplicaCount"] = v.Api.Hpa.MaxReplicas,
                ["triggers"] = triggers,
            }));
    }
}
