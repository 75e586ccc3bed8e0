using System.Text.Json;

namespace Overseer.Api.Kubernetes.Serialization;

/// <summary>One line of a watch stream before its object is decoded (the object's type depends on <see cref="Type"/>).</summary>
public sealed class RawWatchEvent
{
    public string Type { get; set; } = "";
    public JsonElement Object { get; set; }
}
