using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Overseer.Api.Infrastructure.Database;
using Overseer.Testing;

namespace Overseer.Api.Tests.Infrastructure;

/// <summary>Migrated databases for tests: the schema is applied once to a template, then each database is a copy.</summary>
public static class TestDatabase
{
    private static readonly Lazy<Task<string>> Template = new(CreateTemplateAsync);

    /// <summary>A new, migrated, empty database; answers its connection string.</summary>
    public static async Task<string> CreateAsync() => await PostgresServer.CreateDatabaseAsync("api", await Template.Value);

    private static async Task<string> CreateTemplateAsync()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("template");
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using (var db = NpgsqlDataSource.Create(connectionString))
        {
            await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync(CancellationToken.None);
        }
        NpgsqlConnection.ClearAllPools();
        return name;
    }
}
