using System.Security.Cryptography;
using Overseer.ServiceDefaults.Posix;

namespace Overseer.AppHost.Run;

/// <summary>
/// The Api's result-signing master key: kept in <c>&lt;dataDir&gt;/result-master-key</c> (mode 0600 from its creation), made on
/// first run. Only the Api gets it; it is never printed or logged.
/// </summary>
public static class ResultMasterKey
{
    /// <summary>File in the data dir holding the key (base64).</summary>
    public const string FileName = "result-master-key";

    /// <summary>Reads the key, or makes and saves a new one.</summary>
    public static string Resolve(string dataDir)
    {
        var path = Path.Combine(dataDir, FileName);
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: >= 43 } saved)
        {
            return saved;
        }
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        PrivateFiles.WriteAllText(path, key + "\n");
        return key;
    }
}
