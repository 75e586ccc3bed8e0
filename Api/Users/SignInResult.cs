using Overseer.Contracts.Users;

namespace Overseer.Api.Users;

/// <summary>What a sign-in attempt came to: a session, a refusal, or a wait (<see cref="RetryAfter"/> above zero) before trying again.</summary>
internal sealed record SignInResult(SessionDto? Session, TimeSpan RetryAfter)
{
    public static readonly SignInResult Refused = new(null, TimeSpan.Zero);

    public static SignInResult Throttled(TimeSpan wait) => new(null, wait);

    public static SignInResult Opened(SessionDto session) => new(session, TimeSpan.Zero);
}
