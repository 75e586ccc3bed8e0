namespace Overseer.Api.Workflows;

/// <summary>A row of <c>workflows</c> as read for the API.</summary>
internal sealed class WorkflowRecord
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Kind { get; set; } = "";
    public string State { get; set; } = "";
    public bool FailFast { get; set; }
    public string Plan { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public Guid? RetryOf { get; set; }
}
