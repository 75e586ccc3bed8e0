namespace Overseer.AppHost.Publish;

/// <summary>Options of <c>dotnet run --project AppHost -- publish</c>.</summary>
public sealed record PublishOptions
{
    /// <summary>Directory to write the kustomize base into; created, or replaced when it holds an earlier publish.</summary>
    public required string OutputDir { get; init; }

    /// <summary>Values file (YAML); null means every default.</summary>
    public string? ValuesFile { get; init; }
}
