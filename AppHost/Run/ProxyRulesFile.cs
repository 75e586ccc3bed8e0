using Overseer.ServiceDefaults.Posix;

namespace Overseer.AppHost.Run;

/// <summary>The local sidecar's proxy rules file, <c>&lt;dataDir&gt;/proxy-rules.txt</c>; edits apply within a second.</summary>
public static class ProxyRulesFile
{
    /// <summary>File name in the data dir.</summary>
    public const string FileName = "proxy-rules.txt";

    private const string Default = """
        # Egress rules of the local sidecar's proxy (HTTP_PROXY of local tasks). Edits apply within a second.
        # One rule per line: 'allow PATTERN' or 'deny PATTERN'; a deny beats an allow.
        # PATTERN is host[:port]: example.com, *.example.com, *, 10.1.2.3, 10.0.0.0/8, [fd00::/8]; port N, N-M or *.
        # Public addresses are reachable through 'allow *'; loopback and private ones only when allowed by address;
        # link-local (169.254.0.0/16, cloud metadata) never.
        allow *

        """;

    /// <summary>Creates the file with permissive defaults when missing; answers its path.</summary>
    public static string Ensure(string dataDir)
    {
        var path = Path.Combine(dataDir, FileName);
        if (!File.Exists(path))
        {
            PrivateFiles.WriteAllText(path, Default);
        }
        return path;
    }
}
