using System.Net;
using Overseer.Api.Kubernetes.Models;

namespace Overseer.Api.Kubernetes.Errors;

/// <summary>422 Invalid: the object failed validation; <see cref="Causes"/> lists each wrong field.</summary>
public sealed class InvalidException : KubernetesException
{
    /// <summary>Creates the exception from the server's answer.</summary>
    public InvalidException(HttpStatusCode statusCode, Status? status, string message) : base(statusCode, status, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public InvalidException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public InvalidException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public InvalidException(string message, Exception inner) : base(message, inner)
    {
    }

    /// <summary>The field causes (field path, reason such as <c>FieldValueRequired</c>, message).</summary>
    public IReadOnlyList<StatusCause> Causes => Status?.Details?.Causes ?? [];
}
