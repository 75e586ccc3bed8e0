namespace Overseer.AppHost.Publish.Values;

/// <summary><c>runtime.*</c>: the default image of queue runtime pools (Runtimes/Worker).</summary>
internal sealed record RuntimeOptions(ImageOptions Image)
{
    public static RuntimeOptions Read(ValuesSection s) => new(ImageOptions.Read(s.Section("image"), "overseer/worker"));
}
