namespace Overseer.Api.Tests.Queues;

/// <summary>The queue Api listening on a real port, so pool processes (real Worker processes) can reach it.</summary>
public sealed class KestrelQueueApiApplication : QueueApiApplication
{
    /// <summary>Listens on a free port.</summary>
    public KestrelQueueApiApplication() => UseKestrel(0);
}
