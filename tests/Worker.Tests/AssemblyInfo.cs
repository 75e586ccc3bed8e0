using Overseer.Testing;

[assembly: AssemblyFixture(typeof(PostgresServerFixture))]
