using System.Net;
using Overseer.Api.Kubernetes.Models;

namespace Overseer.Api.Kubernetes.Errors;

/// <summary>409 Conflict: the object changed since it was read (stale resourceVersion).</summary>
public sealed class ConflictException : KubernetesException
{
    /// <summary>Creates the exception from the server's answer.</summary>
    public ConflictException(HttpStatusCode statusCode, Status? status, string message) : base(statusCode, status, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ConflictException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ConflictException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ConflictException(string message, Exception inner) : base(message, inner)
    {
    }
}
