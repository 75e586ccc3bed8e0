using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Overseer.AppHost.Publish.Values;

/// <summary>
/// One mapping of the values file, read key by key with defaults and ranges. Every key a reader asks for becomes
/// "known"; keys in the file that nobody asked for are reported as unknown, so readers must ask unconditionally.
/// </summary>
internal sealed class ValuesSection
{
    private readonly YamlMappingNode? _node;
    private readonly List<string> _known = [];

    public ValuesSection(string path, YamlMappingNode? node, ValuesErrors errors)
    {
        Path = path;
        _node = node;
        Errors = errors;
        errors.Track(this);
    }

    /// <summary>Dotted path of this mapping (empty for the root).</summary>
    public string Path { get; }

    public ValuesErrors Errors { get; }

    /// <summary>Keys asked for so far, in the order asked.</summary>
    public IEnumerable<string> Known => _known;

    public string KeyPath(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public void Error(string key, string message) => Errors.Add(KeyPath(key), message);

    /// <summary>True when the file sets <paramref name="key"/> to something other than null.</summary>
    public bool Has(string key) => Get(key) is not null;

    public ValuesSection Section(string key)
    {
        var node = Get(key);
        if (node is not null and not YamlMappingNode)
        {
            Error(key, "must be a mapping");
        }
        return new ValuesSection(KeyPath(key), node as YamlMappingNode, Errors);
    }

    public int Int(string key, int fallback, int min, int max)
    {
        var node = Get(key);
        if (node is null)
        {
            return fallback;
        }
        if (node is YamlScalarNode { Value: { } text } && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            if (value >= min && value <= max)
            {
                return value;
            }
            Error(key, $"{value} is out of range; allowed: {min}..{max}");
            return fallback;
        }
        Error(key, $"must be a whole number in {min}..{max}");
        return fallback;
    }

    public bool Bool(string key, bool fallback)
    {
        var node = Get(key);
        switch (node)
        {
            case null:
                return fallback;
            case YamlScalarNode { Value: "true" or "True" or "TRUE" }:
                return true;
            case YamlScalarNode { Value: "false" or "False" or "FALSE" }:
                return false;
            default:
                Error(key, "must be true or false");
                return fallback;
        }
    }

    /// <summary>A text value; <paramref name="check"/> answers an error message or null.</summary>
    public string String(string key, string fallback, Func<string, string?>? check = null)
    {
        var node = Get(key);
        if (node is null)
        {
            return fallback;
        }
        if (node is not YamlScalarNode { Value: { } text })
        {
            Error(key, "must be a text value");
            return fallback;
        }
        // "" is how a values file says "not set" for keys whose default is empty (existingSecret: "").
        if (text.Length == 0 && fallback.Length == 0)
        {
            return "";
        }
        if (check?.Invoke(text) is { } problem)
        {
            Error(key, problem);
            return fallback;
        }
        return text;
    }

    public string Choice(string key, string fallback, params string[] allowed) =>
        String(key, fallback, v => allowed.Contains(v, StringComparer.Ordinal) ? null : $"'{v}' is not one of: {string.Join(", ", allowed)}");

    /// <summary>A list whose items are text values or mappings; <paramref name="item"/> reads one item at its path.</summary>
    public IReadOnlyList<T> List<T>(string key, Func<string, YamlNode, T?> item) where T : class
    {
        var node = Get(key);
        if (node is null)
        {
            return [];
        }
        if (node is not YamlSequenceNode sequence)
        {
            Error(key, "must be a list");
            return [];
        }
        var items = new List<T>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (item($"{KeyPath(key)}[{i}]", sequence.Children[i]) is { } value)
            {
                items.Add(value);
            }
        }
        return items;
    }

    /// <summary>A list of text values.</summary>
    public IReadOnlyList<string> Strings(string key, Func<string, string?>? check = null) =>
        List(key, (path, node) =>
        {
            if (node is not YamlScalarNode { Value: { Length: > 0 } text } || IsNull(node))
            {
                Errors.Add(path, "must be a non-empty text value");
                return null;
            }
            if (check?.Invoke(text) is { } problem)
            {
                Errors.Add(path, problem);
                return null;
            }
            return text;
        });

    /// <summary>A mapping of text keys to text values, in file order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> StringMap(string key, Func<string, string?>? keyCheck = null)
    {
        var node = Get(key);
        if (node is null)
        {
            return [];
        }
        if (node is not YamlMappingNode mapping)
        {
            Error(key, "must be a mapping of names to text values");
            return [];
        }
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var (k, v) in mapping.Children)
        {
            var name = (k as YamlScalarNode)?.Value ?? "";
            var path = $"{KeyPath(key)}.{name}";
            if (keyCheck?.Invoke(name) is { } problem)
            {
                Errors.Add(path, problem);
            }
            else if (v is not YamlScalarNode { Value: { } text })
            {
                Errors.Add(path, "must be a text value");
            }
            else
            {
                pairs.Add(new(name, text));
            }
        }
        return pairs;
    }

    /// <summary>Any YAML value, as JSON (for Kubernetes objects passed through as they are).</summary>
    public JsonNode? Json(string key)
    {
        var node = Get(key);
        return node is null ? null : YamlTree.ToJson(node);
    }

    /// <summary>A mapping item of a list, as a section of its own (so its unknown keys are reported too).</summary>
    public static ValuesSection? Item(string path, YamlNode node, ValuesErrors errors)
    {
        if (node is not YamlMappingNode mapping)
        {
            errors.Add(path, "must be a mapping");
            return null;
        }
        return new ValuesSection(path, mapping, errors);
    }

    internal void ReportUnknownKeys()
    {
        if (_node is null)
        {
            return;
        }
        foreach (var key in _node.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!_known.Contains(name))
            {
                var hint = Closest(name) is { } near ? $"; did you mean '{near}'?" : "";
                Error(name, $"unknown key (line {key.Start.Line}){hint} Known keys here: {string.Join(", ", _known)}.");
            }
        }
    }

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private YamlNode? Get(string key)
    {
        if (!_known.Contains(key))
        {
            _known.Add(key);
        }
        if (_node is null)
        {
            return null;
        }
        foreach (var (k, v) in _node.Children)
        {
            if (k is YamlScalarNode { Value: { } name } && name == key)
            {
                return IsNull(v) ? null : v;
            }
        }
        return null;
    }

    private string? Closest(string name)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var known in _known)
        {
            var distance = string.Equals(known, name, StringComparison.OrdinalIgnoreCase) ? 0 : Distance(known, name);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (known, distance);
            }
        }
        return bestDistance <= Math.Max(2, name.Length / 4) ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var row = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            row[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }
}
