using System.Net;
using Overseer.Api.Kubernetes.Models;

namespace Overseer.Api.Kubernetes.Errors;

/// <summary>The API server answered a request with an error <see cref="Models.Status"/>. Subclasses name the common reasons.</summary>
public class KubernetesException : Exception
{
    /// <summary>Creates the exception from the server's answer.</summary>
    public KubernetesException(HttpStatusCode statusCode, Status? status, string message, Exception? inner = null) : base(message, inner)
    {
        StatusCode = statusCode;
        Status = status;
    }

    /// <summary>Creates the exception.</summary>
    public KubernetesException() : this(0, null, "Kubernetes request failed")
    {
    }

    /// <summary>Creates the exception.</summary>
    public KubernetesException(string message) : this(0, null, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public KubernetesException(string message, Exception inner) : this(0, null, message, inner)
    {
    }

    /// <summary>HTTP status of the answer (0 when there was none).</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The server's Status, when it sent one.</summary>
    public Status? Status { get; }

    /// <summary>The Status reason (<c>NotFound</c>, <c>AlreadyExists</c>, ...).</summary>
    public string? Reason => Status?.Reason;
}
