using System.Text;

namespace Overseer.Api.Kubernetes.Resources;

/// <summary>Writes label selectors: equality (<c>a=b</c>, <c>a!=b</c>) and set-based (<c>a in (x,y)</c>, <c>a notin (x)</c>, <c>a</c>, <c>!a</c>).</summary>
public sealed class LabelSelectorBuilder
{
    private readonly List<string> _terms = [];

    /// <summary>Label equals value.</summary>
    public LabelSelectorBuilder Equal(string key, string value) => Add($"{key}={value}");

    /// <summary>Label differs from value (or is absent).</summary>
    public LabelSelectorBuilder NotEqual(string key, string value) => Add($"{key}!={value}");

    /// <summary>Label is one of the values.</summary>
    public LabelSelectorBuilder In(string key, params string[] values) => Add($"{key} in ({string.Join(',', values)})");

    /// <summary>Label is none of the values (or absent).</summary>
    public LabelSelectorBuilder NotIn(string key, params string[] values) => Add($"{key} notin ({string.Join(',', values)})");

    /// <summary>Label is present.</summary>
    public LabelSelectorBuilder Exists(string key) => Add(key);

    /// <summary>Label is absent.</summary>
    public LabelSelectorBuilder DoesNotExist(string key) => Add($"!{key}");

    /// <summary>The selector text.</summary>
    public override string ToString() => new StringBuilder().AppendJoin(',', _terms).ToString();

    private LabelSelectorBuilder Add(string term)
    {
        _terms.Add(term);
        return this;
    }
}
