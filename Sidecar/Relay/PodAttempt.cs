using Microsoft.Extensions.Options;

namespace Overseer.Sidecar.Relay;

/// <summary>The one attempt of per-pod mode (null in shared mode).</summary>
internal sealed class PodAttempt(IOptions<RelayOptions> options)
{
    public AttemptSession? Session { get; } = options.Value is { PerPod: true } o
        ? new AttemptSession(o.TaskId!.Value, o.Attempt, o.EnrollmentToken ?? "")
        : null;
}
