namespace Overseer.Api.Kubernetes.Errors;

/// <summary>No answer from the API server: connection failures or timeouts, after the client's retries ran out.</summary>
public sealed class KubernetesUnavailableException : KubernetesException
{
    /// <summary>Creates the exception.</summary>
    public KubernetesUnavailableException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public KubernetesUnavailableException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public KubernetesUnavailableException(string message, Exception inner) : base(message, inner)
    {
    }
}
