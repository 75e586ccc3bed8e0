namespace Overseer.AppHost.Publish.Output;

/// <summary>
/// Writes a set of files as a directory, all or nothing: the files go to a temporary sibling directory, which then
/// takes the place of the target by rename. An existing target is replaced only when it is empty or an earlier publish.
/// </summary>
internal static class OutputDirectory
{
    public static void Write(string target, IReadOnlyList<(string Name, string Content)> files, IReadOnlySet<string> privateFiles)
    {
        var full = Path.GetFullPath(target).TrimEnd(Path.DirectorySeparatorChar);
        var parent = Path.GetDirectoryName(full) ?? throw new PublishException($"--output {target}: cannot publish to the file system root");
        CheckReplaceable(target, full);
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, $".{Path.GetFileName(full)}.publish-{Guid.NewGuid():N}");
        string? old = null;
        try
        {
            Directory.CreateDirectory(temp);
            foreach (var (name, content) in files)
            {
                var path = Path.Combine(temp, name);
                File.WriteAllText(path, content);
                if (privateFiles.Contains(name))
                {
                    File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }
            }
            if (Directory.Exists(full))
            {
                old = Path.Combine(parent, $".{Path.GetFileName(full)}.old-{Guid.NewGuid():N}");
                Directory.Move(full, old);
            }
            Directory.Move(temp, full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (old is not null && !Directory.Exists(full))
            {
                Directory.Move(old, full);
                old = null;
            }
            throw new PublishException($"--output {target}: {e.Message}");
        }
        finally
        {
            foreach (var leftover in new[] { temp, old })
            {
                if (leftover is not null && Directory.Exists(leftover))
                {
                    Directory.Delete(leftover, recursive: true);
                }
            }
        }
    }

    private static void CheckReplaceable(string target, string full)
    {
        if (File.Exists(full))
        {
            throw new PublishException($"--output {target}: is a file; give a directory");
        }
        if (!Directory.Exists(full) || !Directory.EnumerateFileSystemEntries(full).Any())
        {
            return;
        }
        var kustomization = Path.Combine(full, ManifestFiles.Kustomization);
        var earlier = File.Exists(kustomization) && File.ReadLines(kustomization).FirstOrDefault() == ManifestFiles.Header;
        if (!earlier)
        {
            throw new PublishException($"--output {target}: exists and is not an earlier publish output; choose an empty or new directory");
        }
    }
}
