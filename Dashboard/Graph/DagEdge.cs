namespace Overseer.Dashboard.Graph;

/// <summary>A dependency drawn as a curve: <paramref name="To"/> waits for <paramref name="From"/>.</summary>
/// <param name="From">Address (job) or group name (group edges) it leaves.</param>
/// <param name="To">Address or group name it reaches.</param>
/// <param name="Path">SVG path data.</param>
/// <param name="IsGroupEdge">True for a group-level dependency (every job of the group waits for the whole other group).</param>
public sealed record DagEdge(string From, string To, string Path, bool IsGroupEdge);
