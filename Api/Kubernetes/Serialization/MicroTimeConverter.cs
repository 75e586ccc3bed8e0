using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Overseer.Api.Kubernetes.Serialization;

/// <summary>metav1.MicroTime: RFC 3339 with exactly six fractional digits (the API server rejects other widths).</summary>
public sealed class MicroTimeConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString() ?? throw new JsonException("expected a timestamp"), CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
}
