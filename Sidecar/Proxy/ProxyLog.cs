namespace Overseer.Sidecar.Proxy;

/// <summary>
/// Log messages of the proxy. Decisions name the method, host, port and rule, never the path, query or headers
/// (they can carry credentials).
/// </summary>
internal static partial class ProxyLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Proxy listening on 127.0.0.1:{Port}")]
    public static partial void Listening(ILogger logger, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "allowed {Kind} {Method} {Host}:{Port} -> {Address} status {Status}, {UpstreamBytes} B up, {DownstreamBytes} B down, {DurationMs:0.0} ms ({Rule})")]
    public static partial void Allowed(ILogger logger, string kind, string method, string host, int port, string address, int status,
        long upstreamBytes, long downstreamBytes, double durationMs, string rule);

    [LoggerMessage(Level = LogLevel.Warning, Message = "denied {Kind} {Method} {Host}:{Port} status {Status}: {Rule}")]
    public static partial void Denied(ILogger logger, string kind, string method, string host, int port, int status, string rule);

    [LoggerMessage(Level = LogLevel.Warning, Message = "rejected a request: {Status} {Reason}")]
    public static partial void BadRequest(ILogger logger, int status, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "forwarding to {Host}:{Port} failed: {Error} ({Reason})")]
    public static partial void ForwardFailed(ILogger logger, string host, int port, string error, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "connection limit {Limit} reached: answered 503")]
    public static partial void ConnectionLimit(ILogger logger, int limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Proxy rules from {Source} loaded: {Allow} allow, {Deny} deny")]
    public static partial void RulesLoaded(ILogger logger, string source, int allow, int deny);

    [LoggerMessage(Level = LogLevel.Error, Message = "Proxy rules from {Source} rejected, keeping the previous ones: {Errors}")]
    public static partial void RulesRejected(ILogger logger, string source, string errors);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Proxy rules file {Path} unreadable: {Reason}")]
    public static partial void RulesFileUnreadable(ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "proxy connection ended: {Reason}")]
    public static partial void ConnectionEnded(ILogger logger, string reason);
}
