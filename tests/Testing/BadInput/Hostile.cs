using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace Overseer.Testing.BadInput;

/// <summary>
/// Generators of hostile input for the parser properties (issue 10, "Bad input"): deep nesting, huge strings, lone
/// surrogates, NUL, RTL and zero-width characters, duplicate JSON keys, <c>1e309</c>, YAML alias bombs, and random
/// mutations of valid documents.
/// </summary>
public static class Hostile
{
    /// <summary>One mebibyte of text: larger than every field limit, smaller than the request limits.</summary>
    public static readonly string Huge = new('x', 1024 * 1024);

    /// <summary>Pieces of text that have broken parsers before.</summary>
    public static readonly string[] Fragments =
    [
        "\uD800", "\uDFFF", "a\uDBFFz", "\uDC00\uD800", "\0", "a\0b", "\u202E", "\u202Eexe.txt", "\u200B", "\u200D", "\u200F", "\u2066",
        "\uFEFF", "\u2028", "\u0085", "\r", "\t", "\u001B[31m", "\\", "\\u0000", "\\ud800", "\\uDC00\\uD800", "1e309", "-1e309", "1e-400",
        "NaN", "Infinity", "-0", "9223372036854775808", "-9223372036854775809", "99999999999999999999999999", "0x1F", "0o17", "+1", ".5",
        "~", "null", "true", "yes", "no", "&a", "*a", "!!binary", "!!python/object", "!<tag:evil>", "%YAML 1.1", "---", "...", "'", "\"",
        "{", "[", "]", "}", ":", ": ", "- ", "? ", "#", "|", ">", ",", "<<", "$", "%", "😀", "é", "e\u0301", "\u0661\u0662", "ｆｕｌｌ",
        new string('a', 64), new string('9', 400), new string('a', 70_000),
    ];

    /// <summary>A hostile string: a fragment, a few of them joined to ordinary text, or <see cref="Huge"/>.</summary>
    public static Gen<string> Text { get; } = Gen.Frequency(
        (6, Gen.Elements(Fragments)),
        (6, from parts in Gen.ListOf(Gen.Frequency((3, Gen.Elements(Fragments)), (2, Gen.Elements("a", "Z", "0", "-", "_", ".", "/", " ", "x=y")))).Resize(6)
            select string.Concat(parts)),
        (1, Gen.Constant(Huge)));

    /// <summary>A hostile JSON value as raw JSON text (strings escaped or not, numbers out of range, deep arrays).</summary>
    public static Gen<string> JsonValue { get; } = Gen.Frequency(
        (6, Text.Select(t => System.Text.Json.JsonSerializer.Serialize(t))),
        (2, Gen.Elements("\"\\ud800\"", "\"\\udc00x\"", "\"a\\u0000b\"", "\"\\u202e\"", "\"\\ufeff\"")),
        (3, Gen.Elements("1e309", "-1e309", "1e-400", "-0", "9223372036854775808", "2147483648", "-2147483649", "1.5", "0", "-1",
            "true", "null", "[]", "{}", "[null]", "{\"\":null}", "\"\"")),
        (1, Gen.Choose(1, 3).Select(k => DeepJson(k switch { 1 => 65, 2 => 1000, _ => 100_000 }))));

    /// <summary><paramref name="depth"/> nested JSON arrays.</summary>
    public static string DeepJson(int depth) => new string('[', depth) + new string(']', depth);

    /// <summary><paramref name="depth"/> nested YAML flow sequences.</summary>
    public static string DeepYamlFlow(int depth) => new string('[', depth) + new string(']', depth);

    /// <summary><paramref name="depth"/> nested YAML block mappings.</summary>
    public static string DeepYamlBlock(int depth)
    {
        var text = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            text.Append(' ', i).Append("a:\n");
        }
        return text.Append(' ', depth).Append("b\n").ToString();
    }

    /// <summary>A "billion laughs": <paramref name="levels"/> anchors, each <paramref name="width"/> aliases of the one before.</summary>
    public static string AliasBomb(int levels, int width, string key = "a")
    {
        var text = new StringBuilder("l0: &l0 [\"lol\"]\n");
        for (var i = 1; i <= levels; i++)
        {
            text.Append($"l{i}: &l{i} [").Append(string.Join(", ", Enumerable.Repeat($"*l{i - 1}", width))).Append("]\n");
        }
        return text.Append($"{key}: *l{levels}\n").ToString();
    }

    /// <summary>Documents of any text format: the seeds mutated as text, and the fixed shapes every parser must survive.</summary>
    public static Gen<string> Mutated(IReadOnlyList<string> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        return Gen.Frequency(
            (10, from seed in Gen.Elements(seeds.ToArray()) from count in Gen.Choose(1, 4) from mutated in Mutate(seed, count) select mutated),
            (1, Gen.Elements(seeds.ToArray())),
            (1, Gen.Choose(1, 3).Select(k => DeepJson(k switch { 1 => 65, 2 => 5000, _ => 200_000 }))),
            (1, Text));
    }

    /// <summary>JSON documents: <see cref="Mutated"/>, plus values replaced by hostile ones, duplicated keys and deep nesting inside the seeds.</summary>
    public static Gen<string> Json(IReadOnlyList<string> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        var trees = seeds.Select(s => JsonNode.Parse(s)!).ToArray();
        return Gen.Frequency(
            (4, Mutated(seeds)),
            (6, from tree in Gen.Elements(trees) from count in Gen.Choose(1, 3) from replaced in ReplaceValues(tree, count) select replaced),
            (3, from tree in Gen.Elements(trees) from value in JsonValue from index in Gen.Choose(0, 1000) select DuplicateKey(tree, value, index)));
    }

    /// <summary>YAML documents: <see cref="Json"/> (JSON is YAML), the seeds mutated, alias bombs, tags, merge keys, deep nesting.</summary>
    public static Gen<string> Yaml(IReadOnlyList<string> yamlSeeds, IReadOnlyList<string> jsonSeeds)
    {
        ArgumentNullException.ThrowIfNull(yamlSeeds);
        ArgumentNullException.ThrowIfNull(jsonSeeds);
        var special = Gen.OneOf(
            from levels in Gen.Choose(2, 12) from width in Gen.Choose(2, 10) from seed in Gen.Elements(yamlSeeds.ToArray())
            select AliasBomb(levels, width) + seed,
            from seed in Gen.Elements(yamlSeeds.ToArray()) from levels in Gen.Choose(5, 9)
            select seed.TrimEnd() + "\n" + AliasBomb(levels, 9, "zz"),
            Gen.Choose(1, 3).Select(k => DeepYamlFlow(k switch { 1 => 65, 2 => 5000, _ => 200_000 })),
            Gen.Choose(1, 2).Select(k => DeepYamlBlock(k == 1 ? 65 : 700)),
            from seed in Gen.Elements(yamlSeeds.ToArray()) from extra in Gen.Elements(
                "\n---\n" + "a: 1\n", "\nbase: &b {x: 1}\nother:\n  <<: *b\n", "\nt: !!binary aGVsbG8=\n", "\nt: !evil x\n", "\n%TAG ! tag:evil,2000:\n",
                "\nk: *nowhere\n", "\nk: 1\nk: 2\n", "\n? [a, b]\n: c\n", "\n\t- tab\n", "\u0000", "\uFEFF")
            select seed + extra);
        return Gen.Frequency((4, Mutated(yamlSeeds)), (3, Json(jsonSeeds)), (3, special));
    }

    private static Gen<string> Mutate(string seed, int count)
    {
        var gen = Gen.Constant(seed);
        for (var i = 0; i < count; i++)
        {
            gen = gen.SelectMany(MutateOnce);
        }
        return gen;
    }

    private static Gen<string> MutateOnce(string text)
    {
        var at = Gen.Choose(0, text.Length);
        return Gen.OneOf(
            from i in at from fragment in Text select text.Insert(i, fragment),
            from i in at from length in Gen.Choose(0, 16) select text.Remove(i, Math.Min(length, text.Length - i)),
            from i in at from length in Gen.Choose(1, 64) from copies in Gen.Choose(2, 50)
            select text.Insert(i, string.Concat(Enumerable.Repeat(text.Substring(i, Math.Min(length, text.Length - i)), copies))),
            from i in at select text[..i],
            from i in at from fragment in Gen.Elements(Fragments) from length in Gen.Choose(1, 8)
            select text.Remove(i, Math.Min(length, text.Length - i)).Insert(i, fragment),
            from i in at from c in Gen.Elements('{', '}', '[', ']', '"', ',', ':', '\n', ' ', '-', '\'', '&', '*', '!', '|') select text.Insert(i, c.ToString()));
    }

    private static Gen<string> ReplaceValues(JsonNode tree, int count)
    {
        return Gen.ListOf(Gen.Zip(Gen.Choose(0, 10_000), JsonValue), count).Select(edits =>
        {
            var copy = tree.DeepClone();
            var raw = new List<string>();
            foreach (var (pick, value) in edits)
            {
                var slots = Slots(copy).ToList();
                if (slots.Count == 0)
                {
                    break;
                }
                var marker = $"@@raw{raw.Count}@@";
                raw.Add(value);
                var (parent, key, index) = slots[pick % slots.Count];
                if (parent is JsonObject o)
                {
                    o[key!] = marker;
                }
                else
                {
                    ((JsonArray)parent)[index] = marker;
                }
            }
            var text = copy.ToJsonString();
            for (var i = 0; i < raw.Count; i++)
            {
                text = text.Replace($"\"@@raw{i}@@\"", raw[i], StringComparison.Ordinal);
            }
            return text;
        });
    }

    private static IEnumerable<(JsonNode Parent, string? Key, int Index)> Slots(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o.ToList())
                {
                    yield return (o, key, -1);
                    if (child is not null)
                    {
                        foreach (var slot in Slots(child))
                        {
                            yield return slot;
                        }
                    }
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    yield return (a, null, i);
                    if (a[i] is { } child)
                    {
                        foreach (var slot in Slots(child))
                        {
                            yield return slot;
                        }
                    }
                }
                break;
        }
    }

    /// <summary>Repeats one existing key of some object in <paramref name="tree"/>, with <paramref name="value"/> as the second value.</summary>
    private static string DuplicateKey(JsonNode tree, string value, int pick)
    {
        var objects = Slots(tree).Select(s => s.Parent).OfType<JsonObject>().Distinct().Where(o => o.Count > 0).ToList();
        if (objects.Count == 0)
        {
            return tree.ToJsonString();
        }
        var target = objects[pick % objects.Count];
        var key = target.ElementAt(pick % target.Count).Key;
        const string Marker = "@@dup@@";
        var copy = tree.DeepClone();
        var path = target.GetPath();
        var twin = path == "$" ? copy.AsObject() : FindByPath(copy, path);
        twin[Marker] = 0;
        return copy.ToJsonString().Replace($"\"{Marker}\":0", $"{System.Text.Json.JsonSerializer.Serialize(key)}:{value}", StringComparison.Ordinal);
    }

    private static JsonObject FindByPath(JsonNode root, string path) =>
        Slots(root).Select(s => s.Parent).OfType<JsonObject>().First(o => o.GetPath() == path);
}
