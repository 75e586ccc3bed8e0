namespace Overseer.AppHost.Postgres;

/// <summary>How to run a prepared PostgreSQL cluster, and how to reach it once it runs.</summary>
/// <param name="Command">The program to start: <c>postgres</c>, or <c>setpriv</c> when it must drop root first.</param>
/// <param name="Args">Its arguments.</param>
/// <param name="ClusterDir">The cluster directory (also the working directory).</param>
/// <param name="Port">TCP port on 127.0.0.1.</param>
/// <param name="Password">The superuser's password.</param>
/// <param name="ConnectionString">Connection string of the app database.</param>
/// <param name="AdminConnectionString">Connection string of the <c>postgres</c> maintenance database.</param>
public sealed record PostgresLaunch(
    string Command, IReadOnlyList<string> Args, string ClusterDir, int Port, string Password, string ConnectionString, string AdminConnectionString);
