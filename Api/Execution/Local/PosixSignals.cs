using System.Runtime.InteropServices;

namespace Overseer.Api.Execution.Local;

/// <summary>Sends POSIX signals (.NET can only SIGKILL a process): pools stop their processes gracefully with SIGTERM first.</summary>
internal static partial class PosixSignals
{
    private const int SigTerm = 15;

    /// <summary>Sends SIGTERM; false when the process is already gone.</summary>
    public static bool Terminate(int pid) => pid > 0 && Kill(pid, SigTerm) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
