namespace Overseer.AppHost.Children;

/// <summary>A process AppHost starts and keeps running.</summary>
/// <param name="Name">Short name, used as the log prefix (<c>api</c>, <c>dashboard</c>, <c>sidecar</c>).</param>
/// <param name="Dll">Built assembly to run with the dotnet host.</param>
/// <param name="Url">Where it listens.</param>
/// <param name="HealthPath">Path answered with 200 once it is ready.</param>
/// <param name="Environment">Variables added to AppHost's own environment.</param>
public sealed record ChildSpec(string Name, string Dll, Uri Url, string HealthPath, IReadOnlyDictionary<string, string> Environment);
