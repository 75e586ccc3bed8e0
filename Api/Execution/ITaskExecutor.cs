namespace Overseer.Api.Execution;

/// <summary>Runs claimed attempts and reports how each ended through <see cref="AttemptWriter"/>.</summary>
public interface ITaskExecutor
{
    /// <summary>Recorded on each attempt: <c>local</c> or <c>kubernetes</c>.</summary>
    string Name { get; }

    /// <summary>How many more attempts it can take now.</summary>
    int FreeSlots { get; }

    /// <summary>Starts an attempt. Returns at once; the outcome is reported later, exactly once.</summary>
    void Start(ClaimedAttempt attempt);
}
