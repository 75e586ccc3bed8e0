using Microsoft.AspNetCore.Identity;
using Overseer.Api.Auth;
using Overseer.Contracts.Json;

namespace Overseer.Api.Users;

/// <summary>Registers users and sessions, and seeds the first admin user.</summary>
public static class UsersExtensions
{
    /// <summary>Configuration key of the first admin's name (default <c>admin</c>).</summary>
    public const string AdminUserKey = "Dashboard:Admin:User";

    /// <summary>Configuration key of the first admin's password (default: <c>OVERSEER_ADMIN_TOKEN</c>).</summary>
    public const string AdminPasswordKey = "Dashboard:Admin:Password";

    /// <summary>Adds the user and session stores, the password hasher and the session sweeper.</summary>
    public static IHostApplicationBuilder AddUsers(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<UsersOptions>(builder.Configuration.GetSection("Users"));
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            if (!o.SerializerOptions.TypeInfoResolverChain.Contains(AdminJsonContext.Default))
            {
                o.SerializerOptions.TypeInfoResolverChain.Add(AdminJsonContext.Default);
            }
        });
        builder.Services.AddOptions<PasswordHasherOptions>().Configure<Microsoft.Extensions.Options.IOptions<UsersOptions>>(
            (hasher, users) => hasher.IterationCount = Math.Max(1_000, users.Value.PasswordIterations));
        builder.Services.AddSingleton<IPasswordHasher<UserRecord>, PasswordHasher<UserRecord>>();
        builder.Services.AddSingleton<UserStore>();
        builder.Services.AddSingleton<SessionStore>();
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddSingleton<SignInService>();
        builder.Services.AddHostedService<SessionSweeperService>();
        return builder;
    }

    /// <summary>Maps <c>/api/v1/sessions</c> and <c>/api/v1/users</c>.</summary>
    public static IEndpointRouteBuilder MapUsersApis(this IEndpointRouteBuilder app) => app.MapSessionsApi().MapUsersApi();

    /// <summary>
    /// Makes sure the first admin can sign in: user <c>Dashboard:Admin:User</c> (default <c>admin</c>) with password
    /// <c>Dashboard:Admin:Password</c>, which defaults to <c>OVERSEER_ADMIN_TOKEN</c>, so under AppHost and in the
    /// published manifests it is the admin token. The configuration stays the source of truth: at every start the user
    /// is made an enabled admin again, and its password is reset when it no longer matches the configured one.
    /// </summary>
    public static async Task SeedAdminUserAsync(this WebApplication app)
    {
        var password = app.Configuration[AdminPasswordKey] is { Length: > 0 } configured ? configured : app.Configuration[AuthExtensions.AdminTokenVariable];
        if (string.IsNullOrEmpty(password))
        {
            UsersLog.NoAdminUser(app.Logger);
            return;
        }
        var name = UserNames.Normalize(app.Configuration[AdminUserKey] is { Length: > 0 } n ? n : "admin");
        if (UserNames.Check(name) is { } badName)
        {
            throw new InvalidOperationException($"{AdminUserKey} {badName}.");
        }
        var signIn = app.Services.GetRequiredService<SignInService>();
        if (signIn.CheckNewPassword(password) is { } badPassword)
        {
            throw new InvalidOperationException($"{AdminPasswordKey} {badPassword}.");
        }
        var users = app.Services.GetRequiredService<UserStore>();
        var ct = app.Lifetime.ApplicationStopping;
        var admin = await users.EnsureAdminAsync(name, () => signIn.Hash(password), ct);
        if (!signIn.Matches(admin, password))
        {
            await users.SetPasswordHashAsync(admin.Id, signIn.Hash(password), ct);
        }
        UsersLog.AdminSeeded(app.Logger, name);
    }
}
