using System.Text.Json.Nodes;
using Overseer.AppHost.Publish.Values;

namespace Overseer.AppHost.Publish.Manifests;

/// <summary>
/// <c>postgres.embedded</c>: one PostgreSQL pod (StatefulSet, one replica, data on a PersistentVolumeClaim) and a
/// headless Service. For demos and trials; production uses an external, backed-up server.
/// </summary>
internal static class PostgresManifests
{
    private const string DataDir = "/var/lib/postgresql/data";

    public static IEnumerable<KubeObject> Build(PublishValues v)
    {
        if (!v.Postgres.Embedded)
        {
            yield break;
        }
        var labels = Labels.For(ObjectNames.PostgresComponent);
        yield return KubeObject.Create("v1", "Service", ObjectNames.Postgres, v.Namespace.Name, labels, ("spec", new JsonObject
        {
            ["clusterIP"] = "None",
            ["selector"] = Labels.Selector(ObjectNames.PostgresComponent),
            ["ports"] = new JsonArray(new JsonObject
            {
                ["name"] = "postgres",
                ["port"] = ObjectNames.PostgresPort,
                ["targetPort"] = "postgres",
                ["protocol"] = "TCP",
            }),
        }));
        yield return StatefulSet(v);
    }

    private static KubeObject StatefulSet(PublishValues v)
    {
        var persistence = v.Persistence;
        var pod = PodDefaults.PodSpec(v.Global, null, false, PostgresOptions.UserId, PlacementOptions.None,
            ObjectNames.PostgresComponent, 1);
        pod["containers"] = new JsonArray(Container(v));
        var volumes = new JsonArray(
            new JsonObject { ["name"] = "run", ["emptyDir"] = new JsonObject() },
            PodDefaults.TmpVolume());
        if (persistence.ExistingClaim.Length > 0)
        {
            volumes.Add(new JsonObject { ["name"] = "data", ["persistentVolumeClaim"] = new JsonObject { ["claimName"] = persistence.ExistingClaim } });
        }
        pod["volumes"] = volumes;

        var metadata = new JsonObject { ["labels"] = Labels.For(ObjectNames.PostgresComponent) };
        if (PodDefaults.Annotations(v.Global, []) is { } annotations)
        {
            metadata["annotations"] = annotations;
        }
        var spec = new JsonObject
        {
            ["serviceName"] = ObjectNames.Postgres,
            ["replicas"] = 1,
            ["selector"] = new JsonObject { ["matchLabels"] = Labels.Selector(ObjectNames.PostgresComponent) },
            ["template"] = new JsonObject { ["metadata"] = metadata, ["spec"] = pod },
        };
        if (persistence.ExistingClaim.Length == 0)
        {
            var claim = new JsonObject
            {
                ["accessModes"] = new JsonArray("ReadWriteOnce"),
                ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["storage"] = persistence.Size } },
            };
            if (persistence.StorageClass.Length > 0)
            {
                claim["storageClassName"] = persistence.StorageClass;
            }
            spec["volumeClaimTemplates"] = new JsonArray(new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = "data", ["labels"] = Labels.For(ObjectNames.PostgresComponent) },
                ["spec"] = claim,
            });
        }
        return KubeObject.Create("apps/v1", "StatefulSet", ObjectNames.Postgres, v.Namespace.Name, Labels.For(ObjectNames.PostgresComponent), ("spec", spec));
    }

    private static JsonObject Container(PublishValues v)
    {
        var ready = new JsonArray("pg_isready", "-h", "127.0.0.1", "-U", PostgresOptions.Database, "-d", PostgresOptions.Database);
        return new JsonObject
        {
            ["name"] = "postgres",
            ["image"] = v.Postgres.Image.Reference(v.Global),
            ["imagePullPolicy"] = v.Global.ImagePullPolicy,
            ["ports"] = new JsonArray(new JsonObject { ["name"] = "postgres", ["containerPort"] = ObjectNames.PostgresPort, ["protocol"] = "TCP" }),
            ["env"] = new JsonArray(
                new JsonObject { ["name"] = "POSTGRES_USER", ["value"] = PostgresOptions.Database },
                new JsonObject { ["name"] = "POSTGRES_DB", ["value"] = PostgresOptions.Database },
                // A subdirectory, because the volume's root may hold lost+found, which initdb refuses.
                new JsonObject { ["name"] = "PGDATA", ["value"] = DataDir + "/pgdata" },
                PodDefaults.SecretEnv("POSTGRES_PASSWORD", v.Secrets.Name, SecretsOptions.PostgresPasswordKey)),
            ["resources"] = v.Postgres.Resources.ToJson(),
            ["startupProbe"] = Exec(ready, 2, 60),
            ["livenessProbe"] = Exec(ready.DeepClone().AsArray(), 10, 6),
            ["readinessProbe"] = Exec(ready.DeepClone().AsArray(), 5, 3),
            ["securityContext"] = PodDefaults.ContainerSecurityContext(),
            ["volumeMounts"] = new JsonArray(
                new JsonObject { ["name"] = "data", ["mountPath"] = DataDir },
                new JsonObject { ["name"] = "run", ["mountPath"] = "/var/run/postgresql" },
                PodDefaults.TmpMount()),
        };
    }

    private static JsonObject Exec(JsonArray command, int periodSeconds, int failureThreshold) => new()
    {
        ["exec"] = new JsonObject { ["command"] = command },
        ["periodSeconds"] = periodSeconds,
        ["timeoutSeconds"] = 5,
        ["failureThreshold"] = failureThreshold,
    };
}
