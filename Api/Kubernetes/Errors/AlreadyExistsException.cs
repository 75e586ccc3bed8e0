using System.Net;
using Overseer.Api.Kubernetes.Models;

namespace Overseer.Api.Kubernetes.Errors;

/// <summary>409 AlreadyExists: an object with that name exists.</summary>
public sealed class AlreadyExistsException : KubernetesException
{
    /// <summary>Creates the exception from the server's answer.</summary>
    public AlreadyExistsException(HttpStatusCode statusCode, Status? status, string message) : base(statusCode, status, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public AlreadyExistsException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public AlreadyExistsException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public AlreadyExistsException(string message, Exception inner) : base(message, inner)
    {
    }
}
