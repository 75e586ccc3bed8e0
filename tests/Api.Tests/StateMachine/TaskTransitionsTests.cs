using Overseer.Api.StateMachine;
using Overseer.Contracts.Tasks;

namespace Overseer.Api.Tests.StateMachine;

public sealed class TaskTransitionsTests
{
    [Fact]
    public void Terminal_states_have_no_way_out()
    {
        foreach (var terminal in TaskStates.Terminal)
        {
            Assert.DoesNotContain(TaskTransitions.Allowed, t => t.From == terminal);
        }
    }

    [Fact]
    public void Every_state_is_reachable_from_submission_and_every_live_state_can_end()
    {
        var reachable = new HashSet<TaskState>();
        var frontier = new Queue<TaskState?>([null]);
        while (frontier.TryDequeue(out var state))
        {
            foreach (var (_, to) in TaskTransitions.Allowed.Where(t => t.From == state))
            {
                if (reachable.Add(to))
                {
                    frontier.Enqueue(to);
                }
            }
        }

        Assert.Equal(Enum.GetValues<TaskState>().ToHashSet(), reachable);
        foreach (var live in Enum.GetValues<TaskState>().Where(s => !s.IsTerminal()))
        {
            Assert.Contains(TaskTransitions.Allowed, t => t.From == live && (t.To.IsTerminal() || t.To == TaskState.Queued));
        }
    }

    [Fact]
    public void Every_pair_outside_the_table_is_rejected()
    {
        var states = Enum.GetValues<TaskState>().Cast<TaskState?>().Append(null).ToList();
        var rejected = 0;
        foreach (var from in states)
        {
            foreach (var to in Enum.GetValues<TaskState>())
            {
                if (TaskTransitions.IsAllowed(from, to))
                {
                    TaskTransitions.Ensure(from, to);
                }
                else
                {
                    Assert.Throws<InvalidOperationException>(() => TaskTransitions.Ensure(from, to));
                    rejected++;
                }
            }
        }
        Assert.Equal(states.Count * Enum.GetValues<TaskState>().Length - TaskTransitions.Allowed.Count, rejected);
    }

    [Fact]
    public void Terminal_attempts_never_change_again()
    {
        foreach (var from in new[] { AttemptState.Succeeded, AttemptState.Failed, AttemptState.TimedOut, AttemptState.Cancelled, AttemptState.Lost })
        {
            foreach (var to in Enum.GetValues<AttemptState>())
            {
                Assert.Throws<InvalidOperationException>(() => AttemptTransitions.Ensure(from, to));
            }
        }
    }
}
