using System.Net;
using Overseer.Api.Kubernetes.Models;

namespace Overseer.Api.Kubernetes.Errors;

/// <summary>401 Unauthorized: the credentials were not accepted.</summary>
public sealed class UnauthorizedException : KubernetesException
{
    /// <summary>Creates the exception from the server's answer.</summary>
    public UnauthorizedException(HttpStatusCode statusCode, Status? status, string message) : base(statusCode, status, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public UnauthorizedException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public UnauthorizedException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public UnauthorizedException(string message, Exception inner) : base(message, inner)
    {
    }
}
