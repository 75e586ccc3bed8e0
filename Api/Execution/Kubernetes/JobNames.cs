using System.Security.Cryptography;
using System.Text;
using Overseer.Api.StateMachine;

namespace Overseer.Api.Execution.Kubernetes;

/// <summary>
/// The Job name of an attempt: deterministic (a retried create finds the Job already there instead of making a
/// second one), a DNS-1123 label, and at most 63 characters: <c>{name, cut}-{10 hex of the task id's hash}-{attempt}</c>.
/// </summary>
public static class JobNames
{
    /// <summary>Name of the Job of <paramref name="key"/> for a task called <paramref name="taskName"/>.</summary>
    public static string For(string taskName, AttemptKey key)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(key.TaskId.ToString())))[..10];
        var suffix = $"-{hash}-{key.Attempt}";
        var prefix = taskName.Length > 63 - suffix.Length ? taskName[..(63 - suffix.Length)].TrimEnd('-') : taskName;
        return prefix + suffix;
    }
}
