using Overseer.AppHost.Publish.Values;

namespace Overseer.AppHost.Publish.Manifests;

/// <summary>The admin UI: ConfigMap, Deployment, Service and PodDisruptionBudget (nothing when <c>dashboard.enabled</c> is false).</summary>
internal static class DashboardManifests
{
    public static IEnumerable<KubeObject> Build(PublishValues v)
    {
        if (!v.Dashboard.Enabled)
        {
            yield break;
        }
        var config = ConfigManifests.Dashboard(v);
        var app = new WebApp(
            ObjectNames.Dashboard,
            ObjectNames.DashboardComponent,
            v.Dashboard.Image,
            v.Dashboard.Replicas,
            v.Dashboard.Replicas,
            v.Dashboard.Resources,
            v.Dashboard.PodAnnotations,
            v.Dashboard.Placement,
            ServiceAccount: null,
            AutomountToken: false,
            config,
            PodDefaults.SecretEnvOf("dashboard", v));
        yield return config;
        yield return app.Deployment(v);
        yield return app.Service(v);
        yield return app.DisruptionBudget(v);
    }
}
