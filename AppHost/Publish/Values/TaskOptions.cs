namespace Overseer.AppHost.Publish.Values;

/// <summary><c>task.*</c>: pod-level settings of job pods (tasks and runtime pools), handed to the executor.</summary>
/// <param name="MaxTimeoutSeconds">The Api's <c>Tasks:MaxTimeoutSeconds</c>: the largest timeout accepted, 1..604800 (7 days).</param>
internal sealed record TaskOptions(bool AllowMetadataService, IReadOnlyList<KeyValuePair<string, string>> PodAnnotations, PlacementOptions Placement,
    int MaxTimeoutSeconds)
{
    public static TaskOptions Read(ValuesSection s) => new(
        s.Bool("allowMetadataService", false),
        s.StringMap("podAnnotations", Names.QualifiedKey),
        PlacementOptions.Read(s),
        s.Int("maxTimeoutSeconds", 86400, 1, 604800));
}
