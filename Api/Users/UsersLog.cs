namespace Overseer.Api.Users;

internal static partial class UsersLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Admin user {User} from configuration is ready")]
    public static partial void AdminSeeded(ILogger logger, string user);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No first admin user: set Dashboard__Admin__Password (or OVERSEER_ADMIN_TOKEN) to create one")]
    public static partial void NoAdminUser(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {User} signed in (role {Role})")]
    public static partial void SignedIn(ILogger logger, string user, string role);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused for user name {User}")]
    public static partial void SignInRefused(ILogger logger, string user);

    [LoggerMessage(Level = LogLevel.Information, Message = "A session of user {User} ended")]
    public static partial void SignedOut(ILogger logger, string user);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {User} created with role {Role}")]
    public static partial void Created(ILogger logger, string user, string role);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {User} changed ({Changes}); {Sessions} sessions ended")]
    public static partial void Updated(ILogger logger, string user, string changes, int sessions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} ended sessions")]
    public static partial void SessionsSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting ended sessions failed: {Error}")]
    public static partial void SweepFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in from {Address} throttled for {Seconds}s after too many failures")]
    public static partial void SignInThrottled(ILogger logger, string address, int seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A sign-in from {Address} sent a forwarded client address without the right forwarding key; it was ignored")]
    public static partial void ForwardedAddressIgnored(ILogger logger, string address);
}
