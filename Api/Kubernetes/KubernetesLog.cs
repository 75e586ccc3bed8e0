namespace Overseer.Api.Kubernetes;

/// <summary>Log messages of the Kubernetes client. Tokens, keys and request bodies are never logged.</summary>
internal static partial class KubernetesLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Token file {Path} could not be read again; keeping the previous token: {Reason}")]
    public static partial void TokenFileUnreadable(ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Running exec credential plugin {Command} for {User}")]
    public static partial void ExecPluginRun(ILogger logger, string command, string user);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kubernetes client for {Server} ({Source}), namespace {Namespace}, {Qps} QPS, burst {Burst}")]
    public static partial void ClientCreated(ILogger logger, Uri server, string source, string @namespace, double qps, int burst);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Verb} {Resource} failed ({Failure}); retry {Retry} of {MaxRetries} in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string verb, string resource, string failure, int retry, int maxRetries, long delayMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Verb} {Resource} was refused with 401; asking for fresh credentials and trying once more")]
    public static partial void RefreshingCredentials(ILogger logger, string verb, string resource);

    [LoggerMessage(Level = LogLevel.Information, Message = "Informer {Informer}: listed {Count} objects at resourceVersion {ResourceVersion}")]
    public static partial void Listed(ILogger logger, string informer, int count, string resourceVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "Informer {Informer}: resourceVersion {ResourceVersion} is gone (410); listing again")]
    public static partial void Relisting(ILogger logger, string informer, string resourceVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Informer {Informer}: watch failed ({Failure}); watching again in {DelayMs} ms")]
    public static partial void WatchFailed(ILogger logger, string informer, string failure, long delayMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Informer {Informer}: a change handler failed")]
    public static partial void HandlerFailed(ILogger logger, string informer, Exception error);
}
