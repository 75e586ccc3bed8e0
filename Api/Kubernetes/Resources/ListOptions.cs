namespace Overseer.Api.Kubernetes.Resources;

/// <summary>Options of a list request.</summary>
public sealed record ListOptions
{
    /// <summary>A label selector, e.g. <c>app=x,tier in (a,b),!legacy</c> (see <see cref="LabelSelectorBuilder"/>).</summary>
    public string? LabelSelector { get; init; }

    /// <summary>A field selector, e.g. <c>status.phase=Running</c>.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Page size; the answer's <c>metadata.continue</c> then fetches the next page.</summary>
    public int? Limit { get; init; }

    /// <summary>Continue token of the previous page.</summary>
    public string? Continue { get; init; }

    /// <summary>Resource version to list at (<c>0</c> = any cached state); empty for the latest.</summary>
    public string? ResourceVersion { get; init; }
}
