using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Overseer.Dashboard.Assets;

/// <summary>URLs of static files with a content hash (<c>/app.css?v=…</c>), so browsers may cache them for good.</summary>
public sealed class AssetUrls(IWebHostEnvironment environment)
{
    private readonly ConcurrentDictionary<string, string> _urls = new(StringComparer.Ordinal);

    /// <summary>The versioned URL of a file under wwwroot.</summary>
    public string Url(string path) => _urls.GetOrAdd(path, p =>
    {
        var file = environment.WebRootFileProvider.GetFileInfo(p);
        if (!file.Exists)
        {
            return "/" + p;
        }
        using var stream = file.CreateReadStream();
        return $"/{p}?v={Convert.ToHexStringLower(SHA256.HashData(stream))[..12]}";
    });
}
