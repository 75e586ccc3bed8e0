namespace Overseer.Dashboard;

internal static partial class DashboardLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "User {User} signed in (role {Role})")]
    public static partial void SignedIn(ILogger logger, string user, string role);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {User} signed out")]
    public static partial void SignedOut(ILogger logger, string user);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session of {User} is no longer valid at the Api; signing out")]
    public static partial void SessionEnded(ILogger logger, string user);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused by the Api ({Status})")]
    public static partial void SignInRefused(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Api is not reachable: {Error}")]
    public static partial void ApiUnreachable(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Api answered {Status} to {Path}")]
    public static partial void ApiError(ILogger logger, int status, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {User}: {Action} on {Count} tasks ({Done} done, {Refused} refused, {Failed} failed)")]
    public static partial void BulkAction(ILogger logger, string user, string action, int count, int done, int refused, int failed);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {User}: {Action} {Target}")]
    public static partial void Action(ILogger logger, string user, string action, string target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} {Path} without a valid antiforgery token: {Reason}")]
    public static partial void AntiforgeryRefused(ILogger logger, string method, string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in throttled by the Api for {Seconds}s")]
    public static partial void SignInThrottled(ILogger logger, int seconds);
}
