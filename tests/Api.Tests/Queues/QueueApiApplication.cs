using Overseer.Api.Tests.Infrastructure;

namespace Overseer.Api.Tests.Queues;

/// <summary>The Api with fast queue loops: the spawner and lease expiry run every 0.2 s.</summary>
public class QueueApiApplication : ApiApplication
{
    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Queues:SpawnerInterval"] = "00:00:00.200",
        ["Queues:LeaseExpiryInterval"] = "00:00:00.200",
    };
}
