using System.Collections.Frozen;
using Overseer.Contracts.Tasks;
using static Overseer.Contracts.Tasks.AttemptState;

namespace Overseer.Api.StateMachine;

/// <summary>Allowed state changes of one attempt. Terminal attempts never change again.</summary>
public static class AttemptTransitions
{
    /// <summary>Allowed (from, to) pairs.</summary>
    public static readonly FrozenSet<(AttemptState From, AttemptState To)> Allowed = new[]
    {
        (Dispatching, Running), (Dispatching, Succeeded), (Dispatching, Failed), (Dispatching, TimedOut),
        (Dispatching, Cancelled), (Dispatching, Lost),
        (Running, Succeeded), (Running, Failed), (Running, TimedOut), (Running, Cancelled), (Running, Lost),
    }.ToFrozenSet();

    /// <summary>States of an attempt that is still live.</summary>
    public static readonly IReadOnlyList<AttemptState> Live = [Dispatching, Running];

    /// <summary>True when an attempt may move from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool IsAllowed(AttemptState from, AttemptState to) => Allowed.Contains((from, to));

    /// <summary>Throws when a move is not in the table: a programming error, never a user error.</summary>
    public static void Ensure(AttemptState from, AttemptState to)
    {
        if (!IsAllowed(from, to))
        {
            throw new InvalidOperationException($"Attempt transition {from} -> {to} is not in the transition table.");
        }
    }
}
