namespace Overseer.AppHost.Publish.Manifests;

/// <summary>Names of the objects publish writes, and the components they belong to.</summary>
internal static class ObjectNames
{
    public const string Api = "overseer-api";
    public const string Dashboard = "overseer-dashboard";
    public const string Postgres = "overseer-postgres";
    public const string TaskServiceAccount = "overseer-task";
    public const string Keda = "overseer-api-keda";

    public const string ApiComponent = "api";
    public const string DashboardComponent = "dashboard";
    public const string PostgresComponent = "postgres";
    public const string TaskComponent = "task";
    public const string RuntimeComponent = "runtime";

    /// <summary>Port the Api and the Dashboard listen on inside their containers (ASP.NET Core's container default).</summary>
    public const int HttpPort = 8080;

    public const int PostgresPort = 5432;
}
