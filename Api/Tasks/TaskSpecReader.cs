using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Overseer.Api.Infrastructure.Http;
using Overseer.Api.Workflows.Parsing;
using Overseer.Contracts.Json;
using Overseer.Contracts.Tasks;

namespace Overseer.Api.Tasks;

/// <summary>
/// Reads a task spec from a request body: JSON (strict, as before) or YAML for specs written by hand, read by the same
/// defensive reader as workflows (alias budget, depth limit, duplicate keys rejected) and then as strictly as JSON.
/// </summary>
internal static class TaskSpecReader
{
    private static readonly ContractsJsonContext YamlJson = new(new JsonSerializerOptions(ContractsJson.Strict.Options)
    {
        Converters = { new LenientStringConverter() },
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString,
    });

    public static async Task<(TaskSpec? Spec, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, int maxBytes)
    {
        if (!IsYaml(request.ContentType))
        {
            return await JsonBody.ReadAsync(request, ContractsJson.Strict.TaskSpec, maxBytes);
        }
        var (bytes, tooLarge) = await JsonBody.ReadBytesAsync(request, maxBytes);
        if (tooLarge is not null)
        {
            return (null, tooLarge);
        }
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes!);
            if (YamlToJson.Read(text) is not JsonObject tree)
            {
                return (null, JsonBody.Invalid("body", "the task must be a mapping (an object) with at least name and command"));
            }
            if (ShapeChecker.Check(tree, typeof(TaskSpec), YamlJson.Options) is { IsEmpty: false } problems)
            {
                return (null, JsonBody.Invalid(problems.ToDictionary()));
            }
            return (tree.Deserialize(YamlJson.TaskSpec), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, JsonBody.Invalid("body", "the document is not valid UTF-8"));
        }
        catch (DocumentException e)
        {
            return (null, JsonBody.Invalid(e.Problems));
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return (null, JsonBody.Invalid(field, e.Message.Contains("could not be mapped", StringComparison.Ordinal) ? "is not a known field" : "has the wrong type"));
        }
    }

    private static bool IsYaml(string? contentType) =>
        (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant() is "application/yaml" or "application/x-yaml" or "text/yaml" or "text/x-yaml";
}
