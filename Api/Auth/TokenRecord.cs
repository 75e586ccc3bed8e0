namespace Overseer.Api.Auth;

/// <summary>A row of <c>api_tokens</c> (without its hash).</summary>
internal sealed class TokenRecord
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string[] Scopes { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
