namespace Overseer.Api.Users;

/// <summary>Settings of users and sessions (section <c>Users</c>).</summary>
public sealed class UsersOptions
{
    /// <summary>How long a session token works after sign-in.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Sign-in throttling per client address, per user and per both.</summary>
    public SignInThrottleOptions SignInThrottle { get; set; } = new();

    /// <summary>PBKDF2 iterations of new password hashes (ASP.NET Core Identity's default; hashes made with fewer are redone at sign-in).</summary>
    public int PasswordIterations { get; set; } = 100_000;

    /// <summary>Shortest password accepted for new passwords.</summary>
    public int MinPasswordLength { get; set; } = 12;

    /// <summary>Password checks running at once; each costs tens of milliseconds of CPU, so a flood of sign-ins waits here.</summary>
    public int MaxConcurrentPasswordChecks { get; set; } = 2;

    /// <summary>How often ended sessions are deleted.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long revoked or expired sessions stay listed before they are deleted.</summary>
    public TimeSpan KeepEndedSessions { get; set; } = TimeSpan.FromDays(7);
}
