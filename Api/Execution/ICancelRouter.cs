namespace Overseer.Api.Execution;

/// <summary>Stops the live attempt of a task if this process runs it.</summary>
public interface ICancelRouter
{
    /// <summary>Asks the attempt of <paramref name="taskId"/> run here, if any, to stop as Cancelled.</summary>
    void Cancel(Guid taskId);
}
