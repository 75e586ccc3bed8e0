using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Overseer.Contracts.Users;

namespace Overseer.Api.Users;

/// <summary>
/// Checks passwords (ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>: PBKDF2 with a per-user salt) and opens
/// sessions. Unknown and disabled users cost the same hashing time as a wrong password, and all answer the same, so
/// sign-in does not tell which names exist. Every failure is counted by <see cref="SignInThrottle"/>, which makes the
/// next attempts of that address, name or both wait before any password is checked.
/// </summary>
internal sealed class SignInService : IDisposable
{
    private readonly UserStore _users;
    private readonly SessionStore _sessions;
    private readonly SignInThrottle _throttle;
    private readonly IPasswordHasher<UserRecord> _hasher;
    private readonly UsersOptions _options;
    private readonly SemaphoreSlim _gate;
    private readonly Lazy<string> _decoyHash;

    public SignInService(UserStore users, SessionStore sessions, SignInThrottle throttle, IPasswordHasher<UserRecord> hasher, IOptions<UsersOptions> options)
    {
        _users = users;
        _sessions = sessions;
        _throttle = throttle;
        _hasher = hasher;
        _options = options.Value;
        _gate = new SemaphoreSlim(Math.Max(1, _options.MaxConcurrentPasswordChecks));
        _decoyHash = new Lazy<string>(() => _hasher.HashPassword(new UserRecord(), Guid.NewGuid().ToString()));
    }

    /// <summary>Opens a session for a correct name and password from <paramref name="address"/>, unless that address or name must wait.</summary>
    public async Task<SignInResult> SignInAsync(string name, string password, string address, CancellationToken ct)
    {
        name = UserNames.Normalize(name);
        if (_throttle.RetryAfter(address, name) is var early && early > TimeSpan.Zero)
        {
            return SignInResult.Throttled(early);
        }
        UserRecord? user;
        await _gate.WaitAsync(ct);
        try
        {
            // Asked again: attempts that queued at the gate must see the failures counted while they waited.
            if (_throttle.RetryAfter(address, name) is var wait && wait > TimeSpan.Zero)
            {
                return SignInResult.Throttled(wait);
            }
            user = UserNames.Check(name) is null ? await _users.FindAsync(name, ct) : null;
            if (user is null || user.DisabledAt is not null)
            {
                _hasher.VerifyHashedPassword(new UserRecord(), _decoyHash.Value, password);
                _throttle.Failed(address, name);
                return SignInResult.Refused;
            }
            var result = _hasher.VerifyHashedPassword(user, user.PasswordHash, password);
            if (result == PasswordVerificationResult.Failed)
            {
                _throttle.Failed(address, name);
                return SignInResult.Refused;
            }
            _throttle.Succeeded(address, name);
            await _users.RecordSuccessAsync(user.Id,
                result == PasswordVerificationResult.SuccessRehashNeeded ? _hasher.HashPassword(user, password) : null, ct);
        }
        finally
        {
            _gate.Release();
        }
        var (token, expiresAt) = await _sessions.CreateAsync(user, UserRoles.ScopeOf(user.Role)!, _options.SessionLifetime, ct);
        return SignInResult.Opened(new SessionDto(token, user.Name, user.Role, new DateTimeOffset(DateTime.SpecifyKind(expiresAt, DateTimeKind.Utc))));
    }

    /// <summary>A new hash of <paramref name="password"/>.</summary>
    public string Hash(string password) => _hasher.HashPassword(new UserRecord(), password);

    /// <summary>True when <paramref name="password"/> is the user's current password.</summary>
    public bool Matches(UserRecord user, string password) =>
        _hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;

    /// <summary>Null when <paramref name="password"/> is acceptable as a new password, else what is wrong.</summary>
    public string? CheckNewPassword(string? password) => password switch
    {
        null => "is required",
        _ when password.Length < _options.MinPasswordLength => $"must be at least {_options.MinPasswordLength} characters",
        _ when password.Length > 1024 => "must be at most 1024 characters",
        _ => Contracts.Validation.TextRules.Check(password, 1024),
    };

    public void Dispose() => _gate.Dispose();
}
