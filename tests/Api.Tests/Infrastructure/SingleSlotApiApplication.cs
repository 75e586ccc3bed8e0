namespace Overseer.Api.Tests.Infrastructure;

/// <summary>The Api with one executor slot, so a second task stays Queued while the first runs.</summary>
public sealed class SingleSlotApiApplication : ApiApplication
{
    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["Executor:Concurrency"] = "1" };
}
