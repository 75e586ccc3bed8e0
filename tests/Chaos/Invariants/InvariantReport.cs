namespace Overseer.Chaos.Invariants;

/// <summary>What the checker found after a scenario, once the system was idle.</summary>
public sealed class InvariantReport
{
    /// <summary>Broken invariants, one line each (empty when all hold).</summary>
    public List<string> Violations { get; } = [];

    /// <summary>Submitted tasks that are missing or never reached a terminal state.</summary>
    public int Lost { get; set; }

    /// <summary>(task, attempt) pairs with more than one result or more than one recorded outcome.</summary>
    public int DuplicateResults { get; set; }

    /// <summary>Runner starts beyond what the task's own failures needed (re-runs after lost attempts).</summary>
    public int DuplicateExecutions { get; set; }

    /// <summary>Attempts marked Lost although their runner ran and neither it nor their Api was disturbed.</summary>
    public int WronglyMarkedLost { get; set; }

    /// <summary>Final states of the submitted tasks.</summary>
    public Dictionary<string, int> FinalStates { get; } = [];

    /// <summary>Adds a violation, keeping the list readable when one defect repeats.</summary>
    public void Violate(string what)
    {
        if (Violations.Count < 40)
        {
            Violations.Add(what);
        }
    }
}
