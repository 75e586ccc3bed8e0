namespace Overseer.Dashboard.Account;

/// <summary>Fields of the sign-in form.</summary>
public sealed class LoginForm
{
    /// <summary>User name.</summary>
    public string? User { get; set; }
    /// <summary>Password.</summary>
    public string? Password { get; set; }
    /// <summary>Where to go after signing in (a local path only).</summary>
    public string? ReturnUrl { get; set; }
}
