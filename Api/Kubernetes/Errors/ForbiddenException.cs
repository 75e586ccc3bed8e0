using System.Net;
using Overseer.Api.Kubernetes.Models;

namespace Overseer.Api.Kubernetes.Errors;

/// <summary>403 Forbidden: the user may not do this; the message is the server's.</summary>
public sealed class ForbiddenException : KubernetesException
{
    /// <summary>Creates the exception from the server's answer.</summary>
    public ForbiddenException(HttpStatusCode statusCode, Status? status, string message) : base(statusCode, status, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ForbiddenException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ForbiddenException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ForbiddenException(string message, Exception inner) : base(message, inner)
    {
    }
}
