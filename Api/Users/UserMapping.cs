using Overseer.Contracts.Users;

namespace Overseer.Api.Users;

/// <summary>Rows to wire DTOs; the hash stays behind.</summary>
internal static class UserMapping
{
    public static UserDto AsDto(this UserRecord user) => new(user.Name, user.Role, Utc(user.CreatedAt), Utc(user.DisabledAt), Utc(user.LastLoginAt));

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static DateTimeOffset? Utc(DateTime? value) => value is null ? null : Utc(value.Value);
}
