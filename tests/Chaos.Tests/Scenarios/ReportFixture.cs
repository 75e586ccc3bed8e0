using Overseer.Chaos.Report;

namespace Overseer.Chaos.Tests.Scenarios;

/// <summary>Collects every scenario's row and writes the quick run's table to <c>chaos-report.md</c> beside the tests.</summary>
public sealed class ReportFixture : IDisposable
{
    private readonly List<ScenarioResult> _results = [];

    /// <summary>Where the table is written.</summary>
    public static string ReportPath { get; } = Path.Combine(AppContext.BaseDirectory, "chaos-report.md");

    /// <summary>Adds a row and rewrites the table; answers the table.</summary>
    public string Add(ScenarioResult result)
    {
        lock (_results)
        {
            _results.Add(result);
            var table = ReportTable.Format(_results);
            File.WriteAllText(ReportPath, table);
            return table;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
