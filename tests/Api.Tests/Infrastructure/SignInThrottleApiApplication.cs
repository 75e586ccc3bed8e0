using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Overseer.Api.Users;
using Overseer.Contracts.Users;
using Overseer.Testing;

namespace Overseer.Api.Tests.Infrastructure;

/// <summary>
/// The Api with cheap password hashes, a known forwarding key (so tests sign in "from" any address) and a sign-in
/// throttle on a manual clock, so tests wait out delays by advancing it.
/// </summary>
public sealed class SignInThrottleApiApplication : ApiApplication
{
    /// <summary>The forwarding key the Api trusts.</summary>
    public const string ForwardingKey = "test-forwarding-key-0123456789abcdef";

    /// <summary>The throttle's clock.</summary>
    public ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Users:PasswordIterations"] = "1000",
        [ClientAddressForwarding.ConfigurationKey] = ForwardingKey,
    };

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
            services.AddSingleton(sp => new SignInThrottle(Clock, sp.GetRequiredService<IOptions<UsersOptions>>())));
    }
}
