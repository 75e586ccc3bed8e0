using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Overseer.Api.Infrastructure.Http;

/// <summary>
/// Reads a JSON request body strictly (size limit, media type, unknown fields and duplicate keys rejected) and
/// turns every failure into problem details naming what is wrong, instead of the framework's bare 400.
/// </summary>
public static class JsonBody
{
    /// <summary>Reads and deserializes the body; exactly one of the results is non-null.</summary>
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, int maxBytes)
        where T : class
    {
        if (!IsJson(request.ContentType))
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: $"Send the body as application/json (got '{request.ContentType ?? "none"}')."));
        }
        var (bytes, problem) = await ReadBytesAsync(request, maxBytes);
        if (problem is not null)
        {
            return (null, problem);
        }
        if (bytes!.Length == 0)
        {
            return (null, Invalid("body", "a JSON object is required"));
        }
        try
        {
            var value = JsonSerializer.Deserialize(bytes, type);
            return value is null ? (null, Invalid("body", "must be a JSON object, not null")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, Invalid(JsonErrors.FieldOf(e), JsonErrors.Describe(e)));
        }
    }

    /// <summary>Reads the raw body up to <paramref name="maxBytes"/>; answers 413 past it.</summary>
    public static async Task<(byte[]? Bytes, ProblemHttpResult? Problem)> ReadBytesAsync(HttpRequest request, int maxBytes)
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(request.ContentLength.Value, maxBytes));
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, TooLarge(buffer.Length + read, maxBytes));
            }
            buffer.Write(chunk, 0, read);
        }
        return (buffer.ToArray(), null);
    }

    /// <summary>A 400 validation problem with one field.</summary>
    public static ProblemHttpResult Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>A 400 naming every problem, keyed by field path.</summary>
    public static ProblemHttpResult Invalid(IDictionary<string, string[]> problems) =>
        TypedResults.Problem(new HttpValidationProblemDetails(problems)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request body is not valid",
        });

    private static ProblemHttpResult TooLarge(long size, int maxBytes) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large",
            detail: $"The body has at least {size} bytes; the limit is {maxBytes} bytes.");

    private static bool IsJson(string? contentType) =>
        contentType is not null && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || contentType.Split(';')[0].Trim().EndsWith("+json", StringComparison.OrdinalIgnoreCase));
}
