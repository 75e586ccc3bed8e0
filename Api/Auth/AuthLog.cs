namespace Overseer.Api.Auth;

internal static partial class AuthLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Admin token from OVERSEER_ADMIN_TOKEN is registered")]
    public static partial void AdminTokenSeeded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OVERSEER_ADMIN_TOKEN is not set: only tokens already in the database can sign in")]
    public static partial void NoAdminToken(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Token {TokenId} ({Name}) created with scopes {Scopes}")]
    public static partial void TokenCreated(ILogger logger, Guid tokenId, string name, string scopes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Token {TokenId} revoked")]
    public static partial void TokenRevoked(ILogger logger, Guid tokenId);
}
