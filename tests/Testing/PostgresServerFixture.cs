namespace Overseer.Testing;

/// <summary>
/// Assembly fixture that stops the shared <see cref="PostgresServer"/> when the test run ends. Register it in each
/// test assembly that uses the server: <c>[assembly: AssemblyFixture(typeof(PostgresServerFixture))]</c>.
/// </summary>
public sealed class PostgresServerFixture : IAsyncDisposable
{
    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await PostgresServer.StopAsync();
}
