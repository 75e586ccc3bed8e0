using Npgsql;
using Overseer.AppHost.Postgres;
using Overseer.Testing;

namespace Overseer.AppHost.Tests.Postgres;

public sealed class EmbeddedPostgresTests
{
    [Fact]
    public async Task Server_listens_on_loopback_and_keeps_data_across_restarts()
    {
        var dir = TestDirectories.Create("embedded");
        try
        {
            var options = new EmbeddedPostgresOptions { DataDir = dir, Settings = new Dictionary<string, string> { ["fsync"] = "off" } };
            await using (var first = await EmbeddedPostgres.StartAsync(options, CancellationToken.None))
            {
                await using var connection = new NpgsqlConnection(first.ConnectionString);
                await connection.OpenAsync();
                await using var cmd = new NpgsqlCommand("CREATE TABLE kept (v int); INSERT INTO kept VALUES (42); SHOW listen_addresses", connection);
                Assert.Equal("127.0.0.1", await cmd.ExecuteScalarAsync());
            }
            await using var second = await EmbeddedPostgres.StartAsync(options, CancellationToken.None);
            await using var again = new NpgsqlConnection(second.ConnectionString);
            await again.OpenAsync();
            await using var read = new NpgsqlCommand("SELECT v FROM kept", again);
            Assert.Equal(42, await read.ExecuteScalarAsync());
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            TestDirectories.Delete(dir);
        }
    }
}
