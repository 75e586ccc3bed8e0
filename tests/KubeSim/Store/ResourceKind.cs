namespace Overseer.KubeSim.Store;

/// <summary>A resource the simulator serves, with what discovery tells clients about it.</summary>
public sealed record ResourceKind(string Group, string Version, string Plural, string Singular, string Kind, bool Namespaced,
    string[] Verbs, string[] ShortNames)
{
    /// <summary><c>apiVersion</c> of its objects.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>Kind of its lists.</summary>
    public string ListKind => Kind + "List";

    /// <summary>How Kubernetes names it in messages: <c>Job.batch</c>, <c>Pod</c>.</summary>
    public string QualifiedKind => Group.Length == 0 ? Kind : $"{Kind}.{Group}";

    /// <summary>How Kubernetes names the resource in messages: <c>jobs.batch</c>, <c>pods</c>.</summary>
    public string QualifiedResource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";
}
