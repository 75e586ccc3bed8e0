// Scenarios restart PostgreSQL servers and kill processes; on a 2-core machine they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
[assembly: AssemblyFixture(typeof(Overseer.Chaos.Tests.Scenarios.ReportFixture))]
