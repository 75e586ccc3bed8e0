using System.Threading.Channels;
using Overseer.Api.Kubernetes.Models;

namespace Overseer.Api.Kubernetes.Watch;

/// <summary>One subscriber of an informer: its own queue of events and a pump that calls its handler, one event at a time.</summary>
internal sealed class InformerSubscription<T>(
    Func<InformerEvent<T>, CancellationToken, ValueTask> handler,
    Action<InformerSubscription<T>> remove,
    Action<Exception> handlerFailed) : IDisposable where T : class, IKubernetesObject
{
    private readonly CancellationTokenSource _stop = new();
    private Task _pump = Task.CompletedTask;

    public Channel<InformerEvent<T>> Channel { get; } = System.Threading.Channels.Channel.CreateUnbounded<InformerEvent<T>>(
        new UnboundedChannelOptions { SingleReader = true });

    public void Start() => _pump = Task.Run(PumpAsync);

    public async Task StopAsync()
    {
        remove(this);
        Channel.Writer.TryComplete();
        await _stop.CancelAsync();
        await _pump;
    }

    // Does not wait for a running handler, so a handler may unsubscribe itself.
    public void Dispose() => _ = StopAsync();

    private async Task PumpAsync()
    {
        try
        {
            await foreach (var e in Channel.Reader.ReadAllAsync(_stop.Token))
            {
                try
                {
                    await handler(e, _stop.Token);
                }
                catch (Exception error) when (error is not OperationCanceledException || !_stop.IsCancellationRequested)
                {
                    handlerFailed(error);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // unsubscribed
        }
    }
}
