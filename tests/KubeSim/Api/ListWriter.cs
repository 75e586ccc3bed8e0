using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Overseer.KubeSim.Store;

namespace Overseer.KubeSim.Api;

/// <summary>Writes a list answer: <c>kind</c>, <c>apiVersion</c>, list metadata, and the stored items as they are.</summary>
public static class ListWriter
{
    /// <summary>The JSON of a list page.</summary>
    public static byte[] Write(ResourceKind kind, IEnumerable<StoredObject> items, long revision, string? continueToken, long? remaining)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", kind.ListKind);
            writer.WriteString("apiVersion", kind.ApiVersion);
            writer.WriteStartObject("metadata");
            writer.WriteString("resourceVersion", revision.ToString(CultureInfo.InvariantCulture));
            if (continueToken is not null)
            {
                writer.WriteString("continue", continueToken);
            }
            if (remaining is { } r)
            {
                writer.WriteNumber("remainingItemCount", r);
            }
            writer.WriteEndObject();
            writer.WriteStartArray("items");
            foreach (var item in items)
            {
                writer.WriteRawValue(item.Json, skipInputValidation: true);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
