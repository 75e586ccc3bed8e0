using System.Net.Http.Json;
using Overseer.Contracts.Client;

namespace Overseer.Api.Tests.Queues;

/// <summary>Raw runtime requests, for checking status codes the typed client hides.</summary>
internal static class RuntimeTestExtensions
{
    public static Task<HttpResponseMessage> AckRawAsync(this QueueRuntimeClient runtime, long id, Guid token) =>
        runtime.Http.PostAsJsonAsync($"internal/v1/queues/{runtime.Queue}/ack", new { items = new[] { new { id, leaseToken = token } } });
}
