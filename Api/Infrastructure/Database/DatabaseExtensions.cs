using Npgsql;

namespace Overseer.Api.Infrastructure.Database;

/// <summary>Registers the PostgreSQL data source, the migrator and the readiness check.</summary>
public static class DatabaseExtensions
{
    /// <summary>Name of the connection string, as Aspire names it (<c>ConnectionStrings__overseer</c>).</summary>
    public const string ConnectionName = "overseer";

    /// <summary>Adds <see cref="NpgsqlDataSource"/> from <c>ConnectionStrings:overseer</c>.</summary>
    public static IHostApplicationBuilder AddDatabase(this IHostApplicationBuilder builder)
    {
        // Columns are snake_case, properties PascalCase.
        Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;
        builder.Services.AddSingleton(sp => CreateDataSource(
            sp.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionName), builder.Environment.ApplicationName));
        builder.Services.AddSingleton<Migrator>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

    private static NpgsqlDataSource CreateDataSource(string? connectionString, string applicationName)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionName} is not set. Set ConnectionStrings__{ConnectionName}, or start everything with 'dotnet run --project AppHost'.");
        }
        var csb = new NpgsqlConnectionStringBuilder(connectionString);
        // Commands that hang would hang requests: bound them, and detect dead peers.
        if (csb.CommandTimeout == new NpgsqlConnectionStringBuilder().CommandTimeout)
        {
            csb.CommandTimeout = 15;
        }
        if (csb.KeepAlive == 0)
        {
            csb.KeepAlive = 10;
        }
        csb.ApplicationName ??= applicationName;
        // Pooled connections are returned clean (no SET, no temp tables; LISTEN has its own long-lived connection), and the
        // reset Npgsql would otherwise send (DISCARD ALL) costs a transaction of its own on every reuse.
        csb.NoResetOnClose = true;
        return new NpgsqlDataSourceBuilder(csb.ConnectionString).Build();
    }

    /// <summary>Applies pending migrations before the app serves requests.</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        var applied = await app.Services.GetRequiredService<Migrator>().MigrateAsync(app.Lifetime.ApplicationStopping);
        DatabaseLog.SchemaReady(app.Services.GetRequiredService<ILogger<Migrator>>(), applied);
    }
}
