namespace Overseer.Api.Tests.Queues;

/// <summary>The queue Api with one executor slot, so a pool can be kept from starting by a task that holds the slot.</summary>
public sealed class SingleSlotQueueApiApplication : QueueApiApplication
{
    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
    {
        ["Executor:Concurrency"] = "1",
        // Pools here never reach a process that would call back.
        ["Queues:ApiUrl"] = "http://127.0.0.1:9/",
    };
}
