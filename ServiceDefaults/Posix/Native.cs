using System.Runtime.InteropServices;

namespace Overseer.ServiceDefaults.Posix;

/// <summary>The few libc calls .NET has no API for: signals other than SIGKILL, ownership, effective uid, real paths.</summary>
public static partial class Native
{
    /// <summary>SIGINT: PostgreSQL's "fast" shutdown; Ctrl-C.</summary>
    public const int SigInt = 2;
    /// <summary>SIGQUIT: PostgreSQL's "immediate" shutdown.</summary>
    public const int SigQuit = 3;
    /// <summary>SIGKILL.</summary>
    public const int SigKill = 9;
    /// <summary>SIGTERM: graceful stop for .NET apps.</summary>
    public const int SigTerm = 15;

    /// <summary>Sends a signal; false when the process does not exist (or cannot be signalled).</summary>
    public static bool Signal(int pid, int signal) => pid > 0 && Kill(pid, signal) == 0;

    /// <summary>True when a process with this pid exists.</summary>
    public static bool IsAlive(int pid) => Kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() == 1; // EPERM: exists

    /// <summary>True when running as root.</summary>
    public static bool IsRoot => GetEuid() == 0;

    /// <summary>Changes the owner of a path (not following a final symbolic link); throws on failure.</summary>
    public static void ChangeOwner(string path, int uid, int gid)
    {
        if (LChown(path, uid, gid) != 0)
        {
            throw new IOException($"chown {path} failed (errno {Marshal.GetLastPInvokeError()})");
        }
    }

    /// <summary>The canonical absolute path of <paramref name="path"/>, every symbolic link resolved; null when it does not exist.</summary>
    public static string? RealPath(string path)
    {
        var resolved = RealPathNative(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
        {
            return null;
        }
        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            Free(resolved);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEuid();

    [LibraryImport("libc", EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LChown(string path, int uid, int gid);

    [LibraryImport("libc", EntryPoint = "realpath", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr RealPathNative(string path, IntPtr resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(IntPtr pointer);
}
