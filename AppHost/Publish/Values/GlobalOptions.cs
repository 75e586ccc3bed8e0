using YamlDotNet.RepresentationModel;

namespace Overseer.AppHost.Publish.Values;

/// <summary><c>global.*</c>: settings every component inherits.</summary>
internal sealed record GlobalOptions(
    string ImageRegistry,
    string ImageTag,
    string ImagePullPolicy,
    IReadOnlyList<string> ImagePullSecrets,
    IReadOnlyList<KeyValuePair<string, string>> PodAnnotations,
    int CheckTimeout)
{
    public static GlobalOptions Read(ValuesSection s) => new(
        s.String("imageRegistry", "", Registry).TrimEnd('/'),
        s.String("imageTag", "latest", Names.Token),
        s.Choice("imagePullPolicy", "IfNotPresent", "Always", "IfNotPresent", "Never"),
        s.List("imagePullSecrets", (path, node) => PullSecret(path, node, s.Errors)),
        s.StringMap("podAnnotations", Names.QualifiedKey),
        s.Int("checkTimeout", 180, 1, 900));

    private static string? Registry(string value) =>
        Names.Token(value) ?? (value.Contains("://", StringComparison.Ordinal) ? $"'{value}' must be a host (and path), without a scheme such as https://" : null);

    /// <summary>Accepts both <c>- name: regcred</c> (the Kubernetes shape) and <c>- regcred</c>.</summary>
    private static string? PullSecret(string path, YamlNode node, ValuesErrors errors)
    {
        string? name;
        if (node is YamlScalarNode scalar)
        {
            name = scalar.Value;
        }
        else
        {
            name = ValuesSection.Item(path, node, errors)?.String("name", "");
        }
        if (name is null)
        {
            return null;
        }
        if (Names.Dns1123Subdomain(name) is { } problem)
        {
            errors.Add(path, problem);
            return null;
        }
        return name;
    }
}
