using System.Net;
using Overseer.Api.Kubernetes.Models;

namespace Overseer.Api.Kubernetes.Errors;

/// <summary>429 TooManyRequests, after the client's retries ran out; <see cref="RetryAfter"/> is the server's last hint.</summary>
public sealed class TooManyRequestsException : KubernetesException
{
    /// <summary>Creates the exception from the server's answer.</summary>
    public TooManyRequestsException(HttpStatusCode statusCode, Status? status, string message, TimeSpan? retryAfter) : base(statusCode, status, message) =>
        RetryAfter = retryAfter;

    /// <summary>Creates the exception.</summary>
    public TooManyRequestsException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public TooManyRequestsException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TooManyRequestsException(string message, Exception inner) : base(message, inner)
    {
    }

    /// <summary>The server's <c>Retry-After</c>, if any.</summary>
    public TimeSpan? RetryAfter { get; }
}
