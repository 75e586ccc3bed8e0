using Overseer.Api.Execution.Local;

namespace Overseer.Api.Tests.Execution.Local;

public sealed class VarExpansionTests
{
    private static readonly Dictionary<string, string> Defined = new(StringComparer.Ordinal) { ["A"] = "x", ["EMPTY"] = "", ["B"] = "$(A)" };

    // Cases from the kubelet's expansion rules (third_party/forked/golang/expansion): defined names are replaced, undefined
    // ones stay as written, "$$" is one dollar, a lone or unclosed "$" stays, and a replaced value is not expanded again.
    [Theory]
    [InlineData("$(A)", "x")]
    [InlineData("pre-$(A)-post", "pre-x-post")]
    [InlineData("$(A)$(A)", "xx")]
    [InlineData("$(EMPTY)", "")]
    [InlineData("$(MISSING)", "$(MISSING)")]
    [InlineData("$$(A)", "$(A)")]
    [InlineData("$$$(A)", "$x")]
    [InlineData("$$", "$")]
    [InlineData("$", "$")]
    [InlineData("$A", "$A")]
    [InlineData("$(A", "$(A")]
    [InlineData("$()", "$()")]
    [InlineData("$(B)", "$(A)")]
    [InlineData("echo $(test -n x && echo yes)", "echo $(test -n x && echo yes)")]
    public void Expands_as_the_kubelet_does(string input, string expected) => Assert.Equal(expected, VarExpansion.Expand(input, Defined));
}
