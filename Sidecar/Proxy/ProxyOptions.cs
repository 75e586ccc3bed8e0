namespace Overseer.Sidecar.Proxy;

/// <summary>Settings of the egress proxy (section <c>Proxy</c>).</summary>
public sealed class ProxyOptions
{
    /// <summary>Whether the proxy listens at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Port on 127.0.0.1 (0 picks a free one, logged at start).</summary>
    public int Port { get; set; } = 3128;

    /// <summary>Allowed <c>host[:port]</c> patterns: <c>example.com</c>, <c>*.example.com</c>, <c>*</c>, <c>10.1.2.3</c>,
    /// <c>10.0.0.0/8</c>, <c>[fd00::/8]</c>; port <c>443</c>, <c>8000-8100</c> or <c>*</c> (none means any).</summary>
    public List<string> Allow { get; set; } = [];

    /// <summary>Denied patterns, same syntax; a deny beats an allow.</summary>
    public List<string> Deny { get; set; } = [];

    /// <summary>A file of extra rules, one per line (<c>allow PATTERN</c> or <c>deny PATTERN</c>, <c>#</c> comments), reloaded when it changes.</summary>
    public string? RulesFile { get; set; }

    /// <summary>How often the rules file is checked for changes.</summary>
    public TimeSpan RulesFileReloadInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most client connections at once; more are answered 503 and closed.</summary>
    public int MaxConnections { get; set; } = 1024;

    /// <summary>A connection or tunnel with no traffic for this long is closed.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest time to resolve and connect to an upstream.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest time a client may take to send a request head once it started.</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest request head (request line and headers) in bytes; larger ones are answered 431.</summary>
    public int MaxHeaderBytes { get; set; } = 32 * 1024;
}
