using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Overseer.AppHost.Model;

/// <summary>
/// A health check that keeps probing for a short while before it says "unhealthy". Aspire re-runs a failing check
/// after 1, 2, 3, 4, then 5 s; a service that becomes ready just after a miss would wait that long, and each service
/// waits for the one before it. Probing every 100 ms inside one check makes start-up follow readiness closely.
/// </summary>
internal sealed class PollingHealthCheck(Func<CancellationToken, Task<string?>> probe, TimeSpan patience, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            // The probe answers null when healthy, else why not.
            var problem = await probe(cancellationToken);
            if (problem is null)
            {
                return HealthCheckResult.Healthy();
            }
            if (time.GetElapsedTime(started) >= patience)
            {
                return HealthCheckResult.Unhealthy(problem);
            }
            await Task.Delay(Step, time, cancellationToken);
        }
    }
}
