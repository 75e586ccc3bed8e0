using Overseer.ServiceDefaults.Posix;

namespace Overseer.AppHost.Run;

/// <summary>
/// Where local tasks' Secret and ConfigMap references are read from: <c>&lt;dataDir&gt;/secrets/&lt;name&gt;/&lt;key&gt;</c> and
/// <c>&lt;dataDir&gt;/configmaps/&lt;name&gt;/&lt;key&gt;</c>, the shape of a mounted Secret. Both are the owner's only.
/// </summary>
public static class LocalSources
{
    /// <summary>Directory of Secrets in the data dir.</summary>
    public const string Secrets = "secrets";

    /// <summary>Directory of ConfigMaps in the data dir.</summary>
    public const string ConfigMaps = "configmaps";

    /// <summary>Creates <paramref name="dataDir"/>/<paramref name="name"/> (0700) when missing; answers its path.</summary>
    public static string Ensure(string dataDir, string name)
    {
        return PrivateFiles.CreateDirectory(Path.Combine(dataDir, name));
    }
}
