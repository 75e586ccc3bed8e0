using Overseer.Contracts.Tasks;

namespace Overseer.Api.StateMachine;

/// <summary>Where a task goes after an attempt ended.</summary>
/// <param name="State">The task's next state.</param>
/// <param name="Delay">For a retry: how long until it may be claimed again.</param>
/// <param name="AppFailures">The task's application failure count afterwards.</param>
/// <param name="InfraFailures">The task's infrastructure failure count afterwards.</param>
/// <param name="Reason">Why, for the transition history.</param>
public sealed record NextStep(TaskState State, TimeSpan Delay, int AppFailures, int InfraFailures, string Reason);
