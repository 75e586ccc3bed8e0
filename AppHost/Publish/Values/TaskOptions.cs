namespace Overseer.AppHost.Publish.Values;

/// <summary><c>task.*</c>: pod-level settings of job pods (tasks and runtime pools), handed to the executor.</summary>
internal sealed record TaskOptions(bool AllowMetadataService, IReadOnlyList<KeyValuePair<string, string>> PodAnnotations, PlacementOptions Placement)
{
    public static TaskOptions Read(ValuesSection s) => new(
        s.Bool("allowMetadataService", false),
        s.StringMap("podAnnotations", Names.QualifiedKey),
        PlacementOptions.Read(s));
}
