using System.Diagnostics;
using System.Text.RegularExpressions;
using Overseer.ServiceDefaults.Posix;

namespace Overseer.Api.Execution.Local;

/// <summary>The unprivileged user local tasks run as when the Api is root: looked up, or created as a system user.</summary>
public static partial class TaskUsers
{
    /// <summary>
    /// The user called <paramref name="name"/>; when there is none it is created (<c>useradd --system</c>, its own group,
    /// no home, no login shell). Another Api creating it at the same moment is fine. Throws with what to do otherwise.
    /// </summary>
    public static UnixUser FindOrCreate(string name)
    {
        if (!UserName().IsMatch(name))
        {
            throw new InvalidOperationException($"Executor:TaskUser '{name}' is not a user name (lowercase letters, digits, '-' and '_', at most 32).");
        }
        for (var attempt = 0; ; attempt++)
        {
            if (UnixUser.Find(name) is { } user)
            {
                return user.Uid == 0 || user.Gid == 0
                    ? throw new InvalidOperationException($"Executor:TaskUser '{name}' has uid or gid 0: tasks must never run as root.")
                    : user;
            }
            var (code, output) = Run("useradd", "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent",
                "--shell", "/usr/sbin/nologin", "--comment", "Overseer local tasks", name);
            if (code != 0 && UnixUser.Find(name) is null && attempt >= 4)
            {
                throw new InvalidOperationException(
                    $"Local tasks run as user '{name}', which does not exist and could not be created (useradd exit {code}: {output.Trim()}). " +
                    $"Create it (useradd --system --user-group --shell /usr/sbin/nologin {name}) or name another with --task-user.");
            }
            if (code != 0)
            {
                Thread.Sleep(200); // /etc/passwd locked by a concurrent useradd: look again.
            }
        }
    }

    private static (int Code, string Output) Run(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        try
        {
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output.Result + error);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, $"{program}: {e.Message}");
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_-]{0,31}$")]
    private static partial Regex UserName();
}
