namespace Overseer.Bench.Queue;

/// <summary>One measured phase of one system.</summary>
/// <param name="System">Which system (and path, for Overseer).</param>
/// <param name="Metric">What was measured.</param>
/// <param name="Concurrency">Concurrent clients or workers.</param>
/// <param name="Items">Items handled.</param>
/// <param name="Seconds">Wall time.</param>
/// <param name="TimedOut">True when the phase hit its time limit before all items were handled.</param>
/// <param name="CommitsPerItem">Database commits per item during the phase, when counted.</param>
internal sealed record Measurement(string System, string Metric, int Concurrency, long Items, double Seconds, bool TimedOut, double? CommitsPerItem = null)
{
    /// <summary>Items per second.</summary>
    public double Rate => Seconds > 0 ? Items / Seconds : 0;
}
