using System.Security.Cryptography;
using Overseer.ServiceDefaults.Posix;

namespace Overseer.AppHost.Run;

/// <summary>The first admin token: <c>OVERSEER_ADMIN_TOKEN</c>, else the one saved in the data dir, else a new one.</summary>
public static class AdminToken
{
    /// <summary>File in the data dir holding the token.</summary>
    public const string FileName = "admin-token";

    /// <summary>
    /// Resolves the token and (re)writes it to <c>&lt;dataDir&gt;/admin-token</c> (mode 0600 from its creation);
    /// <c>Generated</c> is true only on the run that made it, the one run that prints it.
    /// </summary>
    public static (string Token, bool Generated) Resolve(string dataDir)
    {
        var path = Path.Combine(dataDir, FileName);
        var (token, generated) = Environment.GetEnvironmentVariable("OVERSEER_ADMIN_TOKEN") is { Length: > 0 } fromEnv
            ? (fromEnv, false)
            : File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } saved
                ? (saved, false)
                : ("ovr_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_'), true);
        PrivateFiles.WriteAllText(path, token + "\n");
        return (token, generated);
    }
}
