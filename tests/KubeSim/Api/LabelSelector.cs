using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Overseer.KubeSim.Api;

/// <summary>A parsed label selector: equality-based (<c>a=b</c>, <c>a==b</c>, <c>a!=b</c>) and set-based (<c>a in (x,y)</c>, <c>a notin (x)</c>, <c>a</c>, <c>!a</c>).</summary>
public sealed partial class LabelSelector
{
    private readonly List<Func<IReadOnlyDictionary<string, string>, bool>> _requirements = [];

    /// <summary>Matches everything.</summary>
    public static LabelSelector Everything { get; } = new();

    /// <summary>Parses a selector; a malformed one is a 400.</summary>
    public static LabelSelector Parse(string? text)
    {
        var selector = new LabelSelector();
        if (string.IsNullOrWhiteSpace(text))
        {
            return selector;
        }
        foreach (var term in SplitTerms(text))
        {
            selector._requirements.Add(ParseTerm(term.Trim(), text));
        }
        return selector;
    }

    /// <summary>True when <paramref name="labels"/> satisfy every requirement.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels) => _requirements.All(r => r(labels));

    /// <summary>True when the object's <c>metadata.labels</c> satisfy every requirement.</summary>
    public bool Matches(JsonNode obj) => _requirements.Count == 0 || Matches(Labels(obj));

    /// <summary>The object's labels.</summary>
    public static Dictionary<string, string> Labels(JsonNode obj) =>
        (obj["metadata"]?["labels"] as JsonObject)?.ToDictionary(p => p.Key, p => p.Value?.GetValue<string>() ?? "", StringComparer.Ordinal)
        ?? new Dictionary<string, string>(StringComparer.Ordinal);

    private static Func<IReadOnlyDictionary<string, string>, bool> ParseTerm(string term, string whole)
    {
        if (term.Length == 0)
        {
            throw Invalid(whole, "empty requirement");
        }
        if (SetTerm().Match(term) is { Success: true } set)
        {
            var key = CheckKey(set.Groups[1].Value, whole);
            var values = set.Groups[3].Value.Split(',', StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            return set.Groups[2].Value == "in"
                ? labels => labels.TryGetValue(key, out var v) && values.Contains(v)
                : labels => !labels.TryGetValue(key, out var v) || !values.Contains(v);
        }
        if (term.StartsWith('!'))
        {
            var key = CheckKey(term[1..].Trim(), whole);
            return labels => !labels.ContainsKey(key);
        }
        foreach (var (op, negate) in new[] { ("!=", true), ("==", false), ("=", false) })
        {
            var at = term.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                var key = CheckKey(term[..at].Trim(), whole);
                var value = term[(at + op.Length)..].Trim();
                return negate
                    ? labels => !labels.TryGetValue(key, out var v) || v != value
                    : labels => labels.TryGetValue(key, out var v) && v == value;
            }
        }
        var exists = CheckKey(term, whole);
        return labels => labels.ContainsKey(exists);
    }

    private static string CheckKey(string key, string whole) =>
        LabelKey().IsMatch(key) ? key : throw Invalid(whole, $"invalid label key \"{key}\"");

    private static IEnumerable<string> SplitTerms(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return text[start..i];
                    start = i + 1;
                    break;
            }
        }
        yield return text[start..];
    }

    private static SimApiException Invalid(string selector, string why) =>
        SimApiException.BadRequest($"unable to parse requirement: {why} in label selector \"{selector}\"");

    [GeneratedRegex(@"^(\S+)\s+(in|notin)\s*\(([^()]*)\)$")]
    private static partial Regex SetTerm();

    [GeneratedRegex(@"^([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex LabelKey();
}
