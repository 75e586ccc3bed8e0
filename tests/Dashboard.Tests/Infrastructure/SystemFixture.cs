namespace Overseer.Dashboard.Tests.Infrastructure;

/// <summary>Stops the shared <see cref="RunningSystem"/> and browser at the end of the run, if a test started them.</summary>
public sealed class SystemFixture : IAsyncDisposable
{
    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await RunningSystem.StopAsync();
}
