namespace Overseer.AppHost.Publish.Values;

/// <summary><c>postgres.*</c>: external by default; <c>embedded</c> writes a single-replica StatefulSet for demos.</summary>
internal sealed record PostgresOptions(bool Embedded, ImageOptions Image, ResourcesOptions Resources)
{
    public static readonly ResourcesOptions DefaultResources = ResourcesOptions.Of("250m", "256Mi", "1", "1Gi");

    /// <summary>Database and role of the embedded server.</summary>
    public const string Database = "overseer";

    /// <summary>UID and GID of the <c>postgres</c> user in the official image.</summary>
    public const int UserId = 999;

    public static PostgresOptions Read(ValuesSection s)
    {
        var image = s.Section("image");
        return new(
            s.Bool("embedded", false),
            new ImageOptions(image.String("repository", "postgres", Names.Token), image.String("tag", "16", Names.Token)),
            ResourcesOptions.Read(s, "resources", DefaultResources));
    }
}
