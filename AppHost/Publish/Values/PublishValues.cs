using YamlDotNet.RepresentationModel;

namespace Overseer.AppHost.Publish.Values;

/// <summary>Everything a values file can say, with defaults filled in and every key checked (see docs/publish.md).</summary>
internal sealed record PublishValues(
    NamespaceOptions Namespace,
    GlobalOptions Global,
    string LogLevel,
    ApiOptions Api,
    DashboardOptions Dashboard,
    SidecarOptions Sidecar,
    RuntimeOptions Runtime,
    TaskOptions Task,
    NetworkPolicyOptions NetworkPolicy,
    PostgresOptions Postgres,
    PersistenceOptions Persistence,
    SecretsOptions Secrets)
{
    /// <summary>Reads the values (null: all defaults); throws <see cref="PublishException"/> listing every problem.</summary>
    public static PublishValues Read(YamlMappingNode? root) => Read(root, out _);

    /// <summary>Reads the values and answers every key path a values file may set (docs/publish.md lists them all).</summary>
    public static PublishValues Read(YamlMappingNode? root, out IReadOnlyList<string> keys)
    {
        var errors = new ValuesErrors();
        var s = new ValuesSection("", root, errors);
        var postgres = PostgresOptions.Read(s.Section("postgres"));
        var values = new PublishValues(
            NamespaceOptions.Read(s.Section("namespace")),
            GlobalOptions.Read(s.Section("global")),
            s.Choice("logLevel", "Information", "Trace", "Debug", "Information", "Warning", "Error", "Critical", "None"),
            ApiOptions.Read(s.Section("api")),
            DashboardOptions.Read(s.Section("dashboard")),
            SidecarOptions.Read(s.Section("sidecar")),
            RuntimeOptions.Read(s.Section("runtime")),
            TaskOptions.Read(s.Section("task")),
            NetworkPolicyOptions.Read(s.Section("networkPolicy")),
            postgres,
            PersistenceOptions.Read(s.Section("persistence")),
            SecretsOptions.Read(s.Section("secrets"), postgres.Embedded));
        keys = errors.KnownKeys();
        errors.ThrowIfAny();
        return values;
    }
}
