using Overseer.Api.Workflows.Compile;
using Overseer.Contracts.Validation;

namespace Overseer.Api.Tests.Workflows;

public sealed class KubernetesNameTests
{
    public static TheoryData<string> Names => new()
    {
        "extract", "Extract", "etl.nightly", "ETL_Nightly.v2", "-lead-and-trail-", "Café-Straße", "日本語", "a b\tc", "..", new string('x', 200),
        "Load." + new string('y', 70), "über-läuft",
    };

    [Theory]
    [InlineData("extract", "extract")]
    [InlineData("Extract", "extract")]
    [InlineData("etl.nightly", "etl-nightly")]
    [InlineData("ETL_Nightly.v2", "etl-nightly-v2")]
    [InlineData("-lead-and-trail-", "lead-and-trail")]
    [InlineData("a b\tc", "a-b-c")]
    [InlineData("Café-Straße", "caf--stra-e")]
    public void A_name_is_lowercased_and_every_other_character_becomes_a_dash(string original, string expected)
    {
        Assert.Equal(expected, KubernetesName.Derive(original));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_derived_name_is_a_dns_label_and_deriving_it_again_changes_nothing(string original)
    {
        var derived = KubernetesName.Derive(original);

        Assert.Null(Dns1123.CheckLabel(derived));
        Assert.Equal(derived, KubernetesName.Derive(derived));
        Assert.Equal(derived, KubernetesName.Derive(original));
    }

    [Fact]
    public void A_long_name_is_cut_to_63_characters_ending_in_a_stable_hash_of_the_original()
    {
        var first = KubernetesName.Derive(new string('x', 100));
        var second = KubernetesName.Derive(new string('x', 101));

        Assert.Equal(Dns1123.MaxLabelLength, first.Length);
        Assert.Matches("^x{56}-[0-9a-f]{6}$", first);
        Assert.NotEqual(first, second);
        Assert.Equal(first, KubernetesName.Derive(new string('x', 100)));
    }

    [Fact]
    public void A_name_with_no_valid_character_left_is_its_hash()
    {
        Assert.Matches("^[0-9a-f]{6}$", KubernetesName.Derive("日本語"));
        Assert.NotEqual(KubernetesName.Derive("日本語"), KubernetesName.Derive("中文"));
    }

    [Fact]
    public void Names_that_collide_get_a_hash_except_the_one_that_was_valid_as_written()
    {
        var derived = KubernetesName.DeriveAll(["Extract", "extract", "EXTRACT", "load"]);

        Assert.Equal("extract", derived[1]);
        Assert.Matches("^extract-[0-9a-f]{6}$", derived[0]);
        Assert.Matches("^extract-[0-9a-f]{6}$", derived[2]);
        Assert.Equal("load", derived[3]);
        Assert.Equal(derived.Length, derived.Distinct().Count());
        Assert.All(derived, d => Assert.Null(Dns1123.CheckLabel(d)));
    }

    [Fact]
    public void Colliding_names_get_the_same_hash_whatever_their_order()
    {
        var forward = KubernetesName.DeriveAll(["a.b", "a_b"]);
        var backward = KubernetesName.DeriveAll(["a_b", "a.b"]);

        Assert.Equal(forward, backward.Reverse());
        Assert.NotEqual(forward[0], forward[1]);
    }

    [Fact]
    public void Names_that_do_not_collide_keep_their_derived_names()
    {
        Assert.Equal(["etl-nightly", "extract"], KubernetesName.DeriveAll(["etl.nightly", "Extract"]));
    }
}
