namespace Overseer.ServiceDefaults.Posix;

/// <summary>
/// Files and directories only their owner may read: created with their mode (no window in which a default mode lets
/// another user read them), and files replaced atomically (written beside, then renamed over).
/// </summary>
public static class PrivateFiles
{
    /// <summary>rw for the owner only (0600).</summary>
    public const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>rwx for the owner only (0700).</summary>
    public const UnixFileMode Directory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>rwx for the owner, search only for everyone else (0711): others may reach what is inside by name, never list it.</summary>
    public const UnixFileMode Traversable = Directory | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> with mode 0600, atomically.</summary>
    public static void WriteAllText(string path, string text)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = File,
            }))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(text);
            }
            System.IO.File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            System.IO.File.Delete(temporary);
        }
    }

    /// <summary>Creates <paramref name="path"/> with <paramref name="mode"/> (0700 by default) when missing, and sets that mode when it exists.</summary>
    public static string CreateDirectory(string path, UnixFileMode mode = Directory)
    {
        System.IO.Directory.CreateDirectory(path, mode);
        System.IO.File.SetUnixFileMode(path, mode);
        return path;
    }
}
