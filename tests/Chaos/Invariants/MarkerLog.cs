using System.Globalization;

namespace Overseer.Chaos.Invariants;

/// <summary>Reads the runners' marker files (one per task, named by its id).</summary>
public static class MarkerLog
{
    /// <summary>Markers per task id.</summary>
    public static IReadOnlyDictionary<Guid, IReadOnlyList<Marker>> Read(string dir)
    {
        var markers = new Dictionary<Guid, IReadOnlyList<Marker>>();
        foreach (var file in Directory.EnumerateFiles(dir))
        {
            if (!Guid.TryParse(Path.GetFileName(file), out var id))
            {
                continue;
            }
            var lines = new List<Marker>();
            foreach (var line in File.ReadAllLines(file))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 3 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var attempt)
                    && long.TryParse(parts[2], CultureInfo.InvariantCulture, out var ms))
                {
                    int? code = parts.Length > 3 && int.TryParse(parts[3], CultureInfo.InvariantCulture, out var c) ? c : null;
                    lines.Add(new Marker(parts[0][0], attempt, ms, code));
                }
            }
            markers[id] = lines;
        }
        return markers;
    }
}
