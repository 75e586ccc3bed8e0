using Overseer.AppHost.Publish.Values;

namespace Overseer.AppHost.Publish.Manifests;

/// <summary>The manager: ConfigMap, Deployment, Service and PodDisruptionBudget.</summary>
internal static class ApiManifests
{
    public static IEnumerable<KubeObject> Build(PublishValues v)
    {
        var config = ConfigManifests.Api(v);
        var app = new WebApp(
            ObjectNames.Api,
            ObjectNames.ApiComponent,
            v.Api.Image,
            v.Api.Autoscaled ? null : v.Api.Replicas,
            v.Api.MaxReplicas,
            v.Api.Resources,
            v.Api.PodAnnotations,
            v.Api.Placement,
            ObjectNames.Api,
            AutomountToken: true,
            config,
            PodDefaults.SecretEnvOf("api", v));
        yield return config;
        yield return app.Deployment(v);
        yield return app.Service(v);
        yield return app.DisruptionBudget(v);
    }
}
