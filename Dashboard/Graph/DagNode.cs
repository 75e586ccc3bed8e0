using Overseer.Contracts.Tasks;

namespace Overseer.Dashboard.Graph;

/// <summary>A placed job: its box's top-left corner and size, in SVG units.</summary>
/// <param name="Address"><c>group/job</c>.</param>
/// <param name="Group">Index of its group (its lane).</param>
/// <param name="Name">Job name.</param>
/// <param name="State">State of its task.</param>
/// <param name="TaskId">Its task (null in a dry-run plan).</param>
/// <param name="Layer">Column: the length of the longest dependency chain before it.</param>
/// <param name="X">Left edge.</param>
/// <param name="Y">Top edge.</param>
public sealed record DagNode(string Address, int Group, string Name, TaskState State, Guid? TaskId, int Layer, double X, double Y)
{
    /// <summary>Box width.</summary>
    public const double Width = 172;

    /// <summary>Box height.</summary>
    public const double Height = 44;

    /// <summary>Middle of the left edge (where edges arrive).</summary>
    public (double X, double Y) In => (X, Y + Height / 2);

    /// <summary>Middle of the right edge (where edges leave).</summary>
    public (double X, double Y) Out => (X + Width, Y + Height / 2);
}
