namespace Overseer.AppHost.Children;

/// <summary>Writes whole lines to the console, each prefixed with the name of the process it came from.</summary>
public sealed class ConsoleSink(TextWriter output)
{
    private readonly Lock _lock = new();

    /// <summary>Writes one line from <paramref name="source"/>.</summary>
    public void Line(string source, string line)
    {
        lock (_lock)
        {
            output.Write(source.PadRight(9));
            output.Write("| ");
            output.WriteLine(line);
            output.Flush();
        }
    }

    /// <summary>Writes text as is (for the ready table).</summary>
    public void Raw(string text)
    {
        lock (_lock)
        {
            output.Write(text);
            output.Flush();
        }
    }
}
