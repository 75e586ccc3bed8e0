using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Overseer.Dashboard.Submit;

/// <summary>
/// Finds the line of a field path as the Api names it (<c>spec.groups[0].jobs[1].name</c>, <c>env.FOO</c>) in a YAML or
/// JSON document (JSON is YAML), so validation errors can be shown against the lines they are about. It only walks
/// parser events: aliases are never expanded, and it stops after <see cref="MaxEvents"/> events.
/// </summary>
public sealed partial class FieldLocator
{
    /// <summary>Most parser events read.</summary>
    public const int MaxEvents = 200_000;

    private readonly Dictionary<string, int> _lines;

    private FieldLocator(Dictionary<string, int> lines, IReadOnlyList<string> topLevelKeys)
    {
        _lines = lines;
        TopLevelKeys = topLevelKeys;
    }

    /// <summary>Keys of the document's top-level mapping, in order.</summary>
    public IReadOnlyList<string> TopLevelKeys { get; }

    /// <summary>Reads as much of <paramref name="document"/> as parses.</summary>
    public static FieldLocator Read(string document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<Frame>();
        var parser = new Parser(new StringReader(document));
        try
        {
            for (var events = 0; events < MaxEvents && parser.MoveNext(); events++)
            {
                var line = (int)parser.Current!.Start.Line;
                switch (parser.Current)
                {
                    case MappingStart:
                        stack.Push(new Frame(true, ValuePath(stack, line, lines)));
                        break;
                    case SequenceStart:
                        stack.Push(new Frame(false, ValuePath(stack, line, lines)));
                        break;
                    case MappingEnd or SequenceEnd:
                        stack.Pop();
                        break;
                    case Scalar scalar when stack.TryPeek(out var top) && top.IsMapping && top.ExpectKey:
                        top.Key = scalar.Value;
                        top.ExpectKey = false;
                        lines.TryAdd(Join(top.Path, scalar.Value), line);
                        break;
                    case Scalar or AnchorAlias:
                        ValuePath(stack, line, lines);
                        break;
                }
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // What parsed so far is still useful; the Api reports the syntax error itself.
        }
        var topLevel = lines.Keys.Where(k => !k.Contains('.', StringComparison.Ordinal) && !k.Contains('[', StringComparison.Ordinal)).ToList();
        return new FieldLocator(lines, topLevel);
    }

    /// <summary>
    /// The 1-based line of <paramref name="field"/>, or of its nearest enclosing field that exists in the document, or the
    /// line named in <paramref name="message"/> ("line 3"); null when none is known.
    /// </summary>
    public int? LineOf(string field, string message)
    {
        for (var path = field; path.Length > 0; path = Parent(path))
        {
            if (_lines.TryGetValue(path, out var line))
            {
                return line;
            }
        }
        var match = LineInMessage().Match(message);
        return match.Success && int.TryParse(match.Groups[1].Value, out var named) ? named : null;
    }

    private static string ValuePath(Stack<Frame> stack, int line, Dictionary<string, int> lines)
    {
        if (!stack.TryPeek(out var top))
        {
            return "";
        }
        if (top.IsMapping)
        {
            top.ExpectKey = true;
            return Join(top.Path, top.Key ?? "");
        }
        var path = $"{top.Path}[{top.Index++}]";
        lines.TryAdd(path, line);
        return path;
    }

    private static string Join(string parent, string key) => parent.Length == 0 ? key : parent + "." + key;

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }

    [GeneratedRegex(@"\bline (\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex LineInMessage();

    private sealed class Frame(bool isMapping, string path)
    {
        public bool IsMapping { get; } = isMapping;
        public string Path { get; } = path;
        public bool ExpectKey { get; set; } = isMapping;
        public string? Key { get; set; }
        public int Index { get; set; }
    }
}
