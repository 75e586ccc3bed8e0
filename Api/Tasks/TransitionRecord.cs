namespace Overseer.Api.Tasks;

/// <summary>A row of <c>task_transitions</c>.</summary>
internal sealed class TransitionRecord
{
    public long Id { get; set; }
    public int Attempt { get; set; }
    public string? FromState { get; set; }
    public string ToState { get; set; } = "";
    public DateTime At { get; set; }
    public string Actor { get; set; } = "";
    public string? Reason { get; set; }
    public long? LeaderTerm { get; set; }
}
