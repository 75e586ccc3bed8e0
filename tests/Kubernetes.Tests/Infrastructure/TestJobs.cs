using Overseer.Api.Kubernetes.Models;

namespace Overseer.Kubernetes.Tests.Infrastructure;

/// <summary>Jobs for tests: one container running a shell script.</summary>
public static class TestJobs
{
    /// <summary>A Job whose single container <c>main</c> runs <c>sh -c script</c>, with restartPolicy Never.</summary>
    public static Job Shell(string name, string script, int backoffLimit = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new Job
        {
            Metadata = new ObjectMeta { Name = name },
            Spec = new JobSpec
            {
                BackoffLimit = backoffLimit,
                Template = new PodTemplateSpec
                {
                    Spec = new PodSpec
                    {
                        RestartPolicy = "Never",
                        Containers = [new Container { Name = "main", Image = "busybox:1.36", Command = ["sh", "-c", script] }],
                    },
                },
            },
        };
    }

    /// <summary>The Job's condition of <paramref name="type"/> when it is True, else null.</summary>
    public static JobCondition? Condition(this Job job, string type) =>
        job.Status?.Conditions?.FirstOrDefault(c => c.Type == type && c.Status == "True");

    /// <summary>True when the Job has finished (Complete or Failed).</summary>
    public static bool IsFinished(this Job job) => job.Condition("Complete") is not null || job.Condition("Failed") is not null;
}
