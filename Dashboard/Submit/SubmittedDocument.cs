namespace Overseer.Dashboard.Submit;

/// <summary>What a pasted or uploaded document is: a task or a workflow, in YAML or JSON.</summary>
/// <param name="Text">The document.</param>
/// <param name="IsWorkflow">True for a workflow (it has <c>kind</c> or <c>apiVersion</c> at the top), false for a task spec.</param>
/// <param name="MediaType"><c>application/json</c> or <c>application/yaml</c>.</param>
public sealed record SubmittedDocument(string Text, bool IsWorkflow, string MediaType)
{
    /// <summary>Largest document accepted (the Api's own limit).</summary>
    public const int MaxLength = 1024 * 1024;

    /// <summary>Classifies <paramref name="text"/>.</summary>
    public static SubmittedDocument Of(string text, FieldLocator locator)
    {
        ArgumentNullException.ThrowIfNull(locator);
        var trimmed = text.TrimStart();
        var json = trimmed.StartsWith('{') || trimmed.StartsWith('[');
        var workflow = locator.TopLevelKeys.Count > 0
            ? locator.TopLevelKeys.Contains("kind") || locator.TopLevelKeys.Contains("apiVersion")
            : text.Contains("kind", StringComparison.Ordinal);
        return new SubmittedDocument(text, workflow, json ? "application/json" : "application/yaml");
    }
}
