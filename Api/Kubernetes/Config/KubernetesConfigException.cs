namespace Overseer.Api.Kubernetes.Config;

/// <summary>The Kubernetes configuration (kubeconfig, in-cluster files, exec plugin) is missing or wrong; the message names the problem.</summary>
public sealed class KubernetesConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KubernetesConfigException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public KubernetesConfigException(string message, Exception inner) : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public KubernetesConfigException()
    {
    }
}
