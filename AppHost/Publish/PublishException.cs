namespace Overseer.AppHost.Publish;

/// <summary>Publishing stopped: every problem found (each names its values key or path), nothing was written.</summary>
public sealed class PublishException(IReadOnlyList<string> problems)
    : Exception(problems.Count == 1 ? problems[0] : $"{problems.Count} problems:\n  " + string.Join("\n  ", problems))
{
    /// <summary>The problems, one sentence each, starting with the key they are about.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;

    /// <summary>One problem.</summary>
    public PublishException(string problem) : this([problem])
    {
    }
}
