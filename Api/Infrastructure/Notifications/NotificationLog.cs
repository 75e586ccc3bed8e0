namespace Overseer.Api.Infrastructure.Notifications;

internal static partial class NotificationLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for notifications failed; reconnecting in {DelayMs} ms: {Error}")]
    public static partial void ListenFailed(ILogger logger, double delayMs, string error);
}
