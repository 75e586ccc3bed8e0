namespace Overseer.Kubernetes.Tests.Infrastructure;

/// <summary>One KubeSim shared by a test class; tests keep apart by using their own namespaces.</summary>
public sealed class SimFixture : IAsyncLifetime
{
    private TestSim? _sim;

    /// <summary>The shared simulator.</summary>
    public TestSim Sim => _sim ?? throw new InvalidOperationException("not initialized");

    /// <inheritdoc />
    public async ValueTask InitializeAsync() => _sim = await TestSim.StartAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_sim is not null)
        {
            await _sim.DisposeAsync();
        }
    }
}
