using System.Net;
using Overseer.Api.Kubernetes.Models;

namespace Overseer.Api.Kubernetes.Errors;

/// <summary>404 NotFound: the object does not exist.</summary>
public sealed class NotFoundException : KubernetesException
{
    /// <summary>Creates the exception from the server's answer.</summary>
    public NotFoundException(HttpStatusCode statusCode, Status? status, string message) : base(statusCode, status, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public NotFoundException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public NotFoundException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public NotFoundException(string message, Exception inner) : base(message, inner)
    {
    }
}
