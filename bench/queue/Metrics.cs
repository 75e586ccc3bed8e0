namespace Overseer.Bench.Queue;

/// <summary>Names of the measured phases, shared by every system.</summary>
internal static class Metrics
{
    public const string SingleEnqueue = "single enqueue";
    public const string BatchEnqueue = "batch enqueue";
    public const string OneAtATime = "claim+complete one at a time";
    public const string OneAtATimeSeparateAck = "claim+complete one at a time, separate ack";
    public const string Batched = "claim+complete batched";
}
