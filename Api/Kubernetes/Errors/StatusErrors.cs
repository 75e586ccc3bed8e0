using System.Net;
using System.Text;
using System.Text.Json;
using Overseer.Api.Kubernetes.Models;
using Overseer.Api.Kubernetes.Serialization;

namespace Overseer.Api.Kubernetes.Errors;

/// <summary>Maps an error answer (or an ERROR watch event) to a typed <see cref="KubernetesException"/>.</summary>
public static class StatusErrors
{
    /// <summary>Parses <paramref name="body"/> as a Status when it is one, and picks the exception type by code and reason.</summary>
    public static KubernetesException FromResponse(HttpStatusCode code, ReadOnlySpan<byte> body, TimeSpan? retryAfter, string request)
    {
        Status? status = null;
        try
        {
            status = JsonSerializer.Deserialize(body, KubernetesJsonContext.Default.Status);
        }
        catch (JsonException)
        {
            // Not every error body is a Status (a proxy in the way, a plain-text 500); the code still decides the type.
        }
        if (status is not null && status.Kind != "Status")
        {
            status = null;
        }
        var text = status?.Message is { Length: > 0 } m ? m : Truncate(Encoding.UTF8.GetString(body));
        return FromStatus(code, status, $"{request}: {(int)code} {status?.Reason ?? code.ToString()}: {text}", retryAfter);
    }

    /// <summary>The exception for a Status (also used for ERROR events of a watch).</summary>
    public static KubernetesException FromStatus(HttpStatusCode code, Status? status, string message, TimeSpan? retryAfter = null) =>
        ((int)code, status?.Reason) switch
        {
            (401, _) => new UnauthorizedException(code, status, message),
            (403, _) => new ForbiddenException(code, status, message),
            (404, _) => new NotFoundException(code, status, message),
            (409, "AlreadyExists") => new AlreadyExistsException(code, status, message),
            (409, _) => new ConflictException(code, status, message),
            (410, _) => new GoneException(code, status, message),
            (422, _) => new InvalidException(code, status, message),
            (429, _) => new TooManyRequestsException(code, status, message, retryAfter),
            _ => new KubernetesException(code, status, message),
        };

    private static string Truncate(string text) => text.Length > 500 ? text[..500] + "..." : text.Trim();
}
