namespace Overseer.Api.StateMachine;

/// <summary>Identifies one attempt of one task.</summary>
public readonly record struct AttemptKey(Guid TaskId, int Attempt)
{
    /// <inheritdoc />
    public override string ToString() => $"{TaskId}#{Attempt}";
}
