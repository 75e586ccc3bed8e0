using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Overseer.Dashboard.Security;

/// <summary>Cookie sign-in, role policies, antiforgery, the sign-in rate limit and the security headers.</summary>
public static class SecurityExtensions
{
    /// <summary>Name of the sign-in rate limit policy.</summary>
    public const string SignInLimit = "sign-in";

    /// <summary>Registers authentication, authorization, antiforgery and rate limiting.</summary>
    public static IHostApplicationBuilder AddDashboardSecurity(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Dashboard:Security").Get<SecurityOptions>() ?? new SecurityOptions();
        var keys = builder.Services.AddDataProtection().SetApplicationName("overseer-dashboard");
        if (!string.IsNullOrWhiteSpace(options.KeysDirectory))
        {
            keys.PersistKeysToFileSystem(new DirectoryInfo(options.KeysDirectory));
        }
        builder.Services.AddScoped<SessionValidator>();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = "overseer_session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/login";
            o.AccessDeniedPath = "/forbidden";
            o.ReturnUrlParameter = "returnUrl";
            // The session ends when the Api session ends; it is never extended.
            o.SlidingExpiration = false;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.EventsType = typeof(SessionValidator);
        });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Viewer, p => p.RequireRole(Policies.RolesOf(Policies.Viewer)))
            .AddPolicy(Policies.Operator, p => p.RequireRole(Policies.RolesOf(Policies.Operator)))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Policies.RolesOf(Policies.Admin)));
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "overseer_csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.SignInsPerMinute, Window = TimeSpan.FromMinutes(1) }));
        });
        return builder;
    }

    /// <summary>Refuses every unsafe-method request without a valid antiforgery token (see <see cref="AntiforgeryEverywhereMiddleware"/>).</summary>
    public static IApplicationBuilder UseAntiforgeryEverywhere(this IApplicationBuilder app) => app.UseMiddleware<AntiforgeryEverywhereMiddleware>();

    /// <summary>Adds the security headers to every response.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.UseMiddleware<SecurityHeadersMiddleware>();
}
