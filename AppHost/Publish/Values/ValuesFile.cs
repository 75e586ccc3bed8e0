using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Overseer.AppHost.Publish.Values;

/// <summary>Loads a values file: one YAML document whose root is a mapping, without anchors or aliases.</summary>
internal static class ValuesFile
{
    /// <summary>Larger files are refused: a values file is a page of settings, not data.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>Deepest nesting accepted; the deepest key a values file has is a handful of levels down.</summary>
    public const int MaxDepth = 32;

    /// <summary>The root mapping of <paramref name="path"/>, or null for "all defaults" (no file, or an empty one).</summary>
    public static YamlMappingNode? Load(string? path)
    {
        if (path is null)
        {
            return null;
        }
        if (!File.Exists(path))
        {
            throw new PublishException($"--values {path}: file not found");
        }
        if (new FileInfo(path).Length > MaxBytes)
        {
            throw new PublishException($"--values {path}: larger than {MaxBytes / 1024} KiB");
        }
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses values text; <paramref name="name"/> labels errors.</summary>
    public static YamlMappingNode? Parse(string text, string name)
    {
        try
        {
            // Aliases would let a small file expand into a huge tree (the "billion laughs"); values files never need them.
            // Nesting is bounded while scanning: YamlDotNet's scanner slows down quadratically with open flow collections, so a
            // file of "[[[[..." would otherwise take minutes before any error.
            var parser = new Parser(new StringReader(text));
            var depth = 0;
            while (parser.MoveNext())
            {
                if (parser.Current is AnchorAlias or NodeEvent { Anchor.IsEmpty: false })
                {
                    throw new PublishException($"{name} line {parser.Current.Start.Line}: YAML anchors and aliases are not supported in values files");
                }
                depth += parser.Current switch { MappingStart or SequenceStart => 1, MappingEnd or SequenceEnd => -1, _ => 0 };
                if (depth > MaxDepth)
                {
                    throw new PublishException($"{name} line {parser.Current!.Start.Line}: nested deeper than {MaxDepth} levels");
                }
            }
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count switch
            {
                0 => null,
                1 => stream.Documents[0].RootNode switch
                {
                    YamlMappingNode mapping => mapping,
                    var other when ValuesSection.IsNull(other) => null,
                    _ => throw new PublishException($"{name}: the top level must be a mapping of keys to values"),
                },
                _ => throw new PublishException($"{name}: holds {stream.Documents.Count} YAML documents; expected one"),
            };
        }
        catch (YamlException e)
        {
            throw new PublishException($"{name} line {e.Start.Line}, column {e.Start.Column}: not valid YAML ({e.InnerException?.Message ?? e.Message})");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (not a YamlException) on some unclosed flow collections: "{a:" followed by more lines.
            throw new PublishException($"{name}: not valid YAML (a flow collection, {{…}} or […], is not closed properly)");
        }
        catch (ArgumentException)
        {
            // And this when a double-quoted escape pair is not a surrogate pair ("\udc00\ud800").
            throw new PublishException($"{name}: not valid YAML (an escape names a lone or misordered surrogate)");
        }
    }
}
