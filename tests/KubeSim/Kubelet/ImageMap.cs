namespace Overseer.KubeSim.Kubelet;

/// <summary>
/// Decides what a container runs. An image matching a mapping's prefix (longest prefix wins) has the mapping's entrypoint,
/// which the container's <c>command</c> replaces and its <c>args</c> follow, as with a real image's ENTRYPOINT; any other
/// image runs its <c>command</c> and <c>args</c> as they are, and without a command its <c>args</c> alone, as an image
/// with an empty ENTRYPOINT does (busybox: <c>args</c> replace its CMD).
/// </summary>
public sealed class ImageMap
{
    private readonly List<ImageMapping> _mappings = [];
    private readonly List<string> _unpullable = [];

    /// <summary>The mappings, in the order added.</summary>
    public IReadOnlyList<ImageMapping> Mappings => _mappings;

    /// <summary>Adds a mapping.</summary>
    public ImageMap Add(ImageMapping mapping)
    {
        _mappings.Add(mapping);
        return this;
    }

    /// <summary>Images starting with <paramref name="prefix"/> cannot be pulled: their containers wait in ImagePullBackOff.</summary>
    public ImageMap AddUnpullable(string prefix)
    {
        _unpullable.Add(prefix);
        return this;
    }

    /// <summary>True when <paramref name="image"/> cannot be pulled.</summary>
    public bool IsUnpullable(string image) => _unpullable.Any(p => image.StartsWith(p, StringComparison.Ordinal));

    /// <summary>Parses <c>prefix=program arg ...</c> (the <c>--image-map</c> option).</summary>
    public static ImageMapping Parse(string text)
    {
        var at = text.IndexOf('=', StringComparison.Ordinal);
        var words = at > 0 ? text[(at + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        if (words.Length == 0)
        {
            throw new FormatException($"--image-map '{text}': expected PREFIX=PROGRAM [ARGS...]");
        }
        return new ImageMapping(text[..at], words);
    }

    /// <summary>The mapping for <paramref name="image"/>, or null.</summary>
    public ImageMapping? Find(string image) =>
        _mappings.Where(m => image.StartsWith(m.ImagePrefix, StringComparison.Ordinal)).MaxBy(m => m.ImagePrefix.Length);

    /// <summary>The program and arguments; null when there is nothing to run (an unmapped image without a command).</summary>
    public IReadOnlyList<string>? Resolve(string image, IReadOnlyList<string>? command, IReadOnlyList<string>? args)
    {
        var entrypoint = command is { Count: > 0 } ? command : Find(image)?.Entrypoint ?? [];
        IReadOnlyList<string> argv = [.. entrypoint, .. args ?? []];
        return argv.Count > 0 ? argv : null;
    }
}
