namespace Overseer.Api.Infrastructure.Database;

internal static partial class DatabaseLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Version} ({Name})")]
    public static partial void MigrationApplied(ILogger logger, int version, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema is up to date ({Applied} migrations applied now)")]
    public static partial void SchemaReady(ILogger logger, int applied);
}
