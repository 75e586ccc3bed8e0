using Overseer.Dashboard.Tests.Infrastructure;
using Overseer.Testing;

[assembly: AssemblyFixture(typeof(PostgresServerFixture))]
[assembly: AssemblyFixture(typeof(SystemFixture))]
// Two browser test classes at a time: the whole system and Chromium share two cores.
[assembly: CollectionBehavior(MaxParallelThreads = 2)]
