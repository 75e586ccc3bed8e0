using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Overseer.Api.Kubernetes.Errors;
using Overseer.Api.Kubernetes.Models;
using Overseer.Api.Kubernetes.Serialization;

namespace Overseer.Api.Kubernetes.Watch;

/// <summary>Reads a watch stream: one JSON event per line. An ERROR event becomes the matching typed exception (410 → <see cref="GoneException"/>).</summary>
public static class WatchStreamReader
{
    /// <summary>Yields the events of <paramref name="stream"/> until it ends.</summary>
    public static async IAsyncEnumerable<WatchEvent<T>> ReadAsync<T>(Stream stream, JsonTypeInfo<T> type, string request,
        [EnumeratorCancellation] CancellationToken cancellationToken) where T : IKubernetesObject
    {
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var raw = JsonSerializer.Deserialize(line, KubernetesJsonContext.Default.RawWatchEvent)
                ?? throw new JsonException($"{request}: empty watch event");
            var kind = raw.Type switch
            {
                "ADDED" => WatchEventType.Added,
                "MODIFIED" => WatchEventType.Modified,
                "DELETED" => WatchEventType.Deleted,
                "BOOKMARK" => WatchEventType.Bookmark,
                "ERROR" => WatchEventType.Error,
                _ => throw new JsonException($"{request}: unknown watch event type '{raw.Type}'"),
            };
            if (kind == WatchEventType.Error)
            {
                var status = raw.Object.Deserialize(KubernetesJsonContext.Default.Status);
                var code = (HttpStatusCode)(status?.Code ?? 500);
                throw StatusErrors.FromStatus(code, status, $"{request}: {(int)code} {status?.Reason}: {status?.Message}");
            }
            var obj = raw.Object.Deserialize(type) ?? throw new JsonException($"{request}: watch event without an object");
            yield return new WatchEvent<T>(kind, obj);
        }
    }
}
