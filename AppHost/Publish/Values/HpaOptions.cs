namespace Overseer.AppHost.Publish.Values;

/// <summary><c>api.hpa.*</c>: CPU autoscaling of the Api; the replica bounds also bound KEDA when it is on.</summary>
internal sealed record HpaOptions(bool Enabled, int MinReplicas, int MaxReplicas, int TargetCpuUtilization)
{
    public static HpaOptions Read(ValuesSection s)
    {
        var hpa = new HpaOptions(
            s.Bool("enabled", true),
            s.Int("minReplicas", 1, 1, 100),
            s.Int("maxReplicas", 10, 1, 100),
            s.Int("targetCPUUtilizationPercentage", 70, 1, 100));
        if (hpa.MinReplicas > hpa.MaxReplicas)
        {
            s.Error("minReplicas", $"{hpa.MinReplicas} is more than maxReplicas ({hpa.MaxReplicas})");
        }
        return hpa;
    }
}
