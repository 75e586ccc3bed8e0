using System.Security.Cryptography;
using Overseer.Contracts.Signing;

namespace Overseer.Sidecar.Relay;

/// <summary>
/// Collects the files a runner left in its output directory, once it has terminated: regular files only (symbolic
/// links are never followed, so a runner cannot make the sidecar read its own files), within a count and byte budget.
/// </summary>
internal static class OutputCollector
{
    public static List<OutputFileDto> Collect(string dir, long maxBytes, int maxFiles, ILogger logger)
    {
        var files = new List<OutputFileDto>();
        if (!Directory.Exists(dir) || new DirectoryInfo(dir).LinkTarget is not null)
        {
            return files;
        }
        var root = Path.GetFullPath(dir);
        var budget = maxBytes;
        var walk = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            AttributesToSkip = FileAttributes.ReparsePoint,
            IgnoreInaccessible = true,
            ReturnSpecialDirectories = false,
        };
        foreach (var path in Directory.EnumerateFiles(root, "*", walk).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            var info = new FileInfo(path);
            if (info.LinkTarget is not null)
            {
                RelayLog.OutputSkipped(logger, relative, "symbolic link");
                continue;
            }
            if (files.Count >= maxFiles)
            {
                RelayLog.OutputSkipped(logger, relative, $"more than {maxFiles} files");
                continue;
            }
            if (info.Length > budget)
            {
                RelayLog.OutputSkipped(logger, relative, $"{info.Length} bytes exceed the remaining budget of {budget}");
                continue;
            }
            // Pipes, sockets and devices report no length; only non-empty regular files are opened.
            var content = info.Length == 0 ? [] : Read(path, info.Length);
            if (content is null)
            {
                RelayLog.OutputSkipped(logger, relative, "unreadable");
                continue;
            }
            budget -= content.Length;
            files.Add(new OutputFileDto(relative, content.Length, Convert.ToHexStringLower(SHA256.HashData(content)), Convert.ToBase64String(content)));
        }
        return files;
    }

    private static byte[]? Read(string path, long length)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
            if (!stream.CanSeek)
            {
                return null;
            }
            var content = new byte[length];
            stream.ReadExactly(content);
            return content;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
