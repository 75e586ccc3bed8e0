namespace Overseer.Api.StateMachine;

/// <summary>A singleton's write was rejected because its leader term is over.</summary>
public sealed class NotLeaderException(LeaderFence fence)
    : Exception($"Leader term {fence.Term} of {fence.Holder} on lease '{fence.LeaseName}' is over; write rejected.")
{
    /// <summary>The fence that no longer holds.</summary>
    public LeaderFence Fence { get; } = fence;
}
