namespace Overseer.AppHost.Publish.Values;

/// <summary><c>*.image</c>: repository and tag of one image; the registry and the default tag come from <c>global</c>.</summary>
internal sealed record ImageOptions(string Repository, string Tag)
{
    public static ImageOptions Read(ValuesSection s, string repository) =>
        new(s.String("repository", repository, Names.Token), s.String("tag", "", Names.Token));

    /// <summary>The full reference: registry prefix, then the tag, or <c>@sha256:...</c> for a digest.</summary>
    public string Reference(GlobalOptions global)
    {
        var name = global.ImageRegistry.Length == 0 ? Repository : $"{global.ImageRegistry}/{Repository}";
        var tag = Tag.Length == 0 ? global.ImageTag : Tag;
        return tag.StartsWith("sha256:", StringComparison.Ordinal) ? $"{name}@{tag}" : $"{name}:{tag}";
    }
}
