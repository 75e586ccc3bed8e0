using Overseer.Api.StateMachine;

namespace Overseer.Api.Leadership;

/// <summary>Whether this process is the leader that runs the singleton loops (reaper, spawners), and its term.</summary>
public interface ILeadership
{
    /// <summary>The term this process holds, or null when it is not the leader. Singleton writes carry it as a fence.</summary>
    LeaderFence? Current { get; }
}
