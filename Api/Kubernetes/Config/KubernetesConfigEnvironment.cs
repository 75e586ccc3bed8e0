namespace Overseer.Api.Kubernetes.Config;

/// <summary>What configuration loading reads from the process: environment variables, the home directory, the service-account directory.</summary>
public sealed class KubernetesConfigEnvironment
{
    /// <summary>Where Kubernetes mounts the service-account token, CA and namespace.</summary>
    public const string DefaultServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>Reads an environment variable.</summary>
    public Func<string, string?> GetVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>The user's home directory (for <c>~/.kube/config</c>).</summary>
    public string HomeDirectory { get; init; } = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    /// <summary>Directory holding <c>token</c>, <c>ca.crt</c> and <c>namespace</c> in a pod.</summary>
    public string ServiceAccountDirectory { get; init; } = DefaultServiceAccountDirectory;

    /// <summary>The real process environment.</summary>
    public static KubernetesConfigEnvironment Current { get; } = new();
}
