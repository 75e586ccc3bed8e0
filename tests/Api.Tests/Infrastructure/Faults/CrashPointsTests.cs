using Overseer.Contracts.Faults;

namespace Overseer.Api.Tests.Infrastructure.Faults;

public sealed class CrashPointsTests
{
    [Fact]
    public void Parse_reads_names_with_probabilities_and_bare_names_as_certain()
    {
        var points = CrashPoints.Parse(" after-claim-commit:0.25, before-result-commit ,after-job-create:0");

        Assert.Equal(0.25, points[CrashPoints.AfterClaimCommit]);
        Assert.Equal(1.0, points[CrashPoints.BeforeResultCommit]);
        Assert.Equal(0.0, points[CrashPoints.AfterJobCreate]);
    }

    [Fact]
    public void Parse_of_nothing_arms_nothing()
    {
        Assert.Empty(CrashPoints.Parse(null));
        Assert.Empty(CrashPoints.Parse(""));
    }

    [Theory]
    [InlineData("x:1.5")]
    [InlineData("x:-0.1")]
    [InlineData("x:often")]
    [InlineData(":0.5")]
    [InlineData("x:NaN")]
    public void Parse_rejects_malformed_entries(string text) =>
        Assert.Throws<InvalidOperationException>(() => CrashPoints.Parse(text));

    [Fact]
    public void Hit_is_inert_when_the_variable_is_unset()
    {
        Assert.Null(Environment.GetEnvironmentVariable(CrashPoints.Variable));
        Assert.False(CrashPoints.Armed);
        CrashPoints.Hit(CrashPoints.AfterClaimCommit);
    }
}
