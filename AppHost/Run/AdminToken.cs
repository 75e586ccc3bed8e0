using System.Security.Cryptography;

namespace Overseer.AppHost.Run;

/// <summary>The first admin token: <c>OVERSEER_ADMIN_TOKEN</c>, else the one saved in the data dir, else a new one.</summary>
public static class AdminToken
{
    /// <summary>File in the data dir holding the token.</summary>
    public const string FileName = "admin-token";

    /// <summary>Resolves the token and (re)writes it to <c>&lt;dataDir&gt;/admin-token</c> with mode 0600.</summary>
    public static string Resolve(string dataDir)
    {
        var path = Path.Combine(dataDir, FileName);
        var token = Environment.GetEnvironmentVariable("OVERSEER_ADMIN_TOKEN") is { Length: > 0 } fromEnv
            ? fromEnv
            : File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } saved
                ? saved
                : "ovr_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        File.WriteAllText(path, token + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return token;
    }
}
