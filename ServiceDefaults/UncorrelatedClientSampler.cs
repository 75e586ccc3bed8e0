using System.Diagnostics;
using OpenTelemetry.Trace;

namespace Overseer.ServiceDefaults;

/// <summary>
/// Decides for spans that start a trace: an outgoing call with no parent (a background loop's database query, a
/// watch's HTTP request) is dropped, everything else is kept. Children follow their parent (<see cref="ParentBasedSampler"/>),
/// so a request's or a task's database and HTTP calls stay in its trace, while polling every 100 ms does not fill the
/// trace store with single-span traces.
/// </summary>
internal sealed class UncorrelatedClientSampler : Sampler
{
    /// <inheritdoc />
    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        new(samplingParameters.Kind == ActivityKind.Client ? SamplingDecision.Drop : SamplingDecision.RecordAndSample);
}
