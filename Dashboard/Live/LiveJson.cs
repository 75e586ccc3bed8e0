using System.Text.Json.Serialization;

namespace Overseer.Dashboard.Live;

/// <summary>Source-generated JSON for the event stream's payloads.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class LiveJson : JsonSerializerContext;
