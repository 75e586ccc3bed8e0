namespace Overseer.Api.Users;

/// <summary>A row of <c>users</c>.</summary>
internal sealed class UserRecord
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Role { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? DisabledAt { get; set; }
    public DateTime? LastLoginAt { get; set; }
}
