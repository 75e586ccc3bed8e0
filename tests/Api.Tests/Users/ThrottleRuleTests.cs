using Overseer.Api.Users;

namespace Overseer.Api.Tests.Users;

public sealed class ThrottleRuleTests
{
    [Fact]
    public void Free_failures_cost_nothing_then_the_delay_doubles_per_failure_up_to_the_cap()
    {
        var rule = new ThrottleRule { FreeFailures = 3, FirstDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromMinutes(15) };

        var delays = Enumerable.Range(0, 16).Select(n => rule.DelayAfter(n).TotalSeconds).ToArray();

        Assert.Equal([0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900], delays);
        Assert.Equal(TimeSpan.FromMinutes(15), rule.DelayAfter(10_000));
    }

    [Fact]
    public void The_default_rules_hold_one_address_below_the_per_user_budget_and_cap_the_per_user_delay_at_a_minute()
    {
        var options = new SignInThrottleOptions();

        Assert.True(options.PerUserAtAddress.FreeFailures < options.PerUser.FreeFailures);
        Assert.Equal(TimeSpan.Zero, options.PerUser.DelayAfter(options.PerUser.FreeFailures));
        Assert.Equal(TimeSpan.FromMinutes(1), options.PerUser.DelayAfter(1_000));
        Assert.Equal(TimeSpan.FromHours(1), options.Window);
    }
}
