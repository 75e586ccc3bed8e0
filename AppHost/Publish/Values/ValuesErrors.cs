namespace Overseer.AppHost.Publish.Values;

/// <summary>Collects every problem in a values file, so one run reports all of them.</summary>
internal sealed class ValuesErrors
{
    private readonly List<string> _problems = [];
    private readonly List<ValuesSection> _sections = [];

    public IReadOnlyList<string> Problems => _problems;

    public void Add(string path, string message) => _problems.Add($"{path}: {message}");

    public void Track(ValuesSection section) => _sections.Add(section);

    /// <summary>Dotted paths of every leaf key the readers asked for (what a values file may set).</summary>
    public IReadOnlyList<string> KnownKeys()
    {
        var all = _sections.SelectMany(s => s.Known.Select(s.KeyPath)).Distinct().ToList();
        return [.. all.Where(k => !all.Any(other => other.StartsWith(k + ".", StringComparison.Ordinal)))];
    }

    /// <summary>Reports keys no section read (unknown or misspelled), then throws when anything was wrong.</summary>
    public void ThrowIfAny()
    {
        foreach (var section in _sections)
        {
            section.ReportUnknownKeys();
        }
        if (_problems.Count > 0)
        {
            throw new PublishException([.. _problems]);
        }
    }
}
