using System.Diagnostics;
using System.Globalization;
using Overseer.Chaos.Report;
using Overseer.Chaos.Scenarios;

// The long run of the reliability suite (docs/reliability.md): every scenario (or the --scenario ones) with --tasks
// tasks and --faults faults, from --seed. Prints the report table and writes it to --report (default chaos-report.md).
var tasks = 1000;
var faults = 10;
var seed = 1;
var report = "chaos-report.md";
var only = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--tasks":
            tasks = int.Parse(Value(), CultureInfo.InvariantCulture);
            break;
        case "--faults":
            faults = int.Parse(Value(), CultureInfo.InvariantCulture);
            break;
        case "--seed":
            seed = int.Parse(Value(), CultureInfo.InvariantCulture);
            break;
        case "--scenario":
            only.Add(Value());
            break;
        case "--report":
            report = Value();
            break;
        default:
            Console.Error.WriteLine($"unknown argument {args[i]}");
            Console.Error.WriteLine("usage: run.sh [--tasks N] [--faults K] [--seed S] [--scenario NAME]... [--report FILE]");
            Console.Error.WriteLine($"scenarios: {string.Join(", ", ScenarioCatalog.All.Select(s => s.Name))}");
            return 2;
    }
}

var scenarios = only.Count == 0 ? ScenarioCatalog.All : [.. only.Select(ScenarioCatalog.Named)];
var clock = Stopwatch.StartNew();
var results = new List<ScenarioResult>();
foreach (var scenario in scenarios)
{
    // Duplicate deliveries cost 21 requests per task: a tenth of the burst is plenty.
    var size = scenario is DuplicateResultScenario ? Math.Max(1, tasks / 10) : tasks;
    var settings = new ScenarioSettings(size, faults, seed, line => Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss.f} {line}"))
    {
        DrainTimeout = TimeSpan.FromSeconds(Math.Max(180, tasks)),
    };
    try
    {
        results.Add(await scenario.RunAsync(settings, CancellationToken.None));
    }
    catch (Exception e)
    {
        Console.WriteLine($"{scenario.Name} failed: {e}");
        var failed = new ScenarioResult(scenario.Name, seed);
        failed.Problems.Add($"the scenario failed: {e.GetType().Name}: {e.Message}");
        results.Add(failed);
    }
    await File.WriteAllTextAsync(report, ReportTable.Format(results));
}

var table = ReportTable.Format(results);
Console.WriteLine();
Console.WriteLine($"tasks {tasks}, faults {faults}, seed {seed}, {clock.Elapsed.TotalMinutes:0.0} min");
Console.WriteLine(table);
Console.WriteLine($"report written to {Path.GetFullPath(report)}");
return results.Any(r => r.AllViolations.Any()) ? 1 : 0;
