using System.Net;
using Overseer.Contracts.Problems;

namespace Overseer.Contracts.Client;

/// <summary>The Api answered with an error status; <see cref="Problem"/> holds its problem details.</summary>
public sealed class OverseerApiException(HttpStatusCode statusCode, ProblemDto? problem)
    : Exception($"Overseer Api answered {(int)statusCode} {statusCode}: {problem?.Detail ?? problem?.Title ?? "no details"}")
{
    /// <summary>HTTP status of the answer.</summary>
    public HttpStatusCode StatusCode { get; } = statusCode;

    /// <summary>Problem details of the answer, when it had them.</summary>
    public ProblemDto? Problem { get; } = problem;

    /// <summary>How long the Api asked to wait before trying again (its <c>Retry-After</c> header), when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
