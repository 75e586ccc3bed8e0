using System.Text;

namespace Overseer.Api.Execution.Local;

/// <summary>
/// The kubelet's <c>$(VAR)</c> expansion (k8s.io/kubernetes third_party/forked/golang/expansion), so a local task sees
/// the values a pod would: <c>$(NAME)</c> becomes the value of a variable defined so far, and stays as written when
/// there is none; <c>$$</c> is one <c>$</c>; a <c>$</c> before anything else, or an unclosed <c>$(</c>, stays as written.
/// </summary>
public static class VarExpansion
{
    /// <summary>Expands <paramref name="input"/> against <paramref name="defined"/>.</summary>
    public static string Expand(string input, IReadOnlyDictionary<string, string> defined)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!input.Contains('$', StringComparison.Ordinal))
        {
            return input;
        }
        var result = new StringBuilder(input.Length);
        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] != '$' || i + 1 == input.Length)
            {
                result.Append(input[i]);
                continue;
            }
            var next = input[i + 1];
            if (next == '$')
            {
                result.Append('$');
                i++;
            }
            else if (next == '(' && input.IndexOf(')', i + 2) is var end and >= 0)
            {
                var name = input[(i + 2)..end];
                result.Append(defined.TryGetValue(name, out var value) ? value : $"$({name})");
                i = end;
            }
            else
            {
                // "$x" and an unclosed "$(": the dollar is kept and the next character is read normally.
                result.Append('$');
            }
        }
        return result.ToString();
    }
}
