using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Overseer.Api.Infrastructure.Http;
using Overseer.Contracts.Json;
using Overseer.Contracts.Workflows;

namespace Overseer.Api.Workflows.Parsing;

/// <summary>Turns a request body (YAML or JSON) into a <see cref="WorkflowDocument"/>, strictly: unknown fields are errors, all of them reported at once.</summary>
public static class WorkflowReader
{
    private static readonly ContractsJsonContext Json = new(new JsonSerializerOptions(ContractsJson.Strict.Options)
    {
        Converters = { new LenientStringConverter() },
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString,
    });

    /// <summary>True for the media types accepted: YAML and JSON.</summary>
    public static bool IsSupported(string? contentType) => MediaType(contentType) is
        "application/yaml" or "application/x-yaml" or "text/yaml" or "text/x-yaml" or "application/json";

    /// <summary>Reads the document; throws <see cref="DocumentException"/> naming the problem.</summary>
    public static WorkflowDocument Read(byte[] body, string? contentType)
    {
        if (body.Length == 0)
        {
            throw new DocumentException("body", "a workflow document is required");
        }
        JsonNode? tree;
        if (MediaType(contentType) == "application/json")
        {
            try
            {
                tree = JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 64 });
            }
            catch (JsonException e)
            {
                throw new DocumentException("body", $"not valid JSON (line {e.LineNumber + 1}): {e.Message.Split(" Path:")[0]}");
            }
            catch (InvalidOperationException)
            {
                // The duplicate-key check unescapes every key; a key escaping a lone or misordered surrogate fails there.
                throw new DocumentException("body", "not valid JSON: a key " + JsonUnicode.Problem);
            }
            // YAML needs no such check: the YAML parser already rejects an escaped lone surrogate.
            if (JsonUnicode.FindInvalid(tree) is { } invalid)
            {
                throw new DocumentException(invalid, JsonUnicode.Problem);
            }
        }
        else
        {
            string text;
            try
            {
                text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
            }
            catch (DecoderFallbackException)
            {
                throw new DocumentException("body", "the document is not valid UTF-8");
            }
            tree = YamlToJson.Read(text);
        }
        if (tree is not JsonObject)
        {
            throw new DocumentException("body", "the document must be a mapping (an object) with apiVersion, kind, metadata and spec");
        }
        if (ShapeChecker.Check(tree, typeof(WorkflowDocument), Json.Options) is { IsEmpty: false } problems)
        {
            throw new DocumentException(problems);
        }
        try
        {
            return tree.Deserialize(Json.WorkflowDocument) ?? throw new DocumentException("body", "the document is empty");
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            var unknown = e.Message.Contains("could not be mapped", StringComparison.Ordinal);
            throw new DocumentException(field, unknown ? "is not a known field" : "has the wrong type");
        }
    }

    private static string MediaType(string? contentType) => (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
}
