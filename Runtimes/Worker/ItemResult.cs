namespace Overseer.Worker;

/// <summary>The outcome of one item's command.</summary>
/// <param name="End">How it ended.</param>
/// <param name="ExitCode">Its exit code, when it exited.</param>
/// <param name="Error">What went wrong, with the tail of its stderr; null on success.</param>
internal sealed record ItemResult(ItemEnd End, int? ExitCode, string? Error)
{
    /// <summary>True when the command exited 0.</summary>
    public bool Succeeded => End == ItemEnd.Exited && ExitCode == 0;
}
