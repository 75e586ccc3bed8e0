using System.Net;
using Overseer.Api.Kubernetes.Models;

namespace Overseer.Api.Kubernetes.Errors;

/// <summary>410 Gone/Expired: the resourceVersion or continue token is too old; list again.</summary>
public sealed class GoneException : KubernetesException
{
    /// <summary>Creates the exception from the server's answer.</summary>
    public GoneException(HttpStatusCode statusCode, Status? status, string message) : base(statusCode, status, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public GoneException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public GoneException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public GoneException(string message, Exception inner) : base(message, inner)
    {
    }
}
