namespace Overseer.AppHost.Publish.Values;

/// <summary><c>namespace.*</c>: where everything is installed, and whether the Namespace object is written.</summary>
internal sealed record NamespaceOptions(string Name, bool Create)
{
    public static NamespaceOptions Read(ValuesSection s) => new(s.String("name", "overseer", Names.Dns1123Label), s.Bool("create", true));
}
