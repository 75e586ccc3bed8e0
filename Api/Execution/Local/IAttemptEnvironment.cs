namespace Overseer.Api.Execution.Local;

/// <summary>Adds per-attempt environment variables to local attempts (e.g. the result relay's URL with its one-time token).</summary>
public interface IAttemptEnvironment
{
    /// <summary>The variables <paramref name="attempt"/> gets. They are set after the spec's own, so a task cannot override them.</summary>
    IEnumerable<KeyValuePair<string, string>> For(ClaimedAttempt attempt);
}
