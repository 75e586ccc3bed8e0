using System.Text.Encodings.Web;
using System.Text.Json;
using Overseer.Contracts.Json;
using Overseer.Contracts.Tasks;

namespace Overseer.Dashboard.Components.Shared;

/// <summary>Indented JSON for people to read (rendered as text, so escaped like everything else).</summary>
public static class PrettyJson
{
    // Relaxed escaping keeps '<', '&' and quotes readable; the text is HTML-encoded when rendered, like all text.
    private static readonly ContractsJsonContext Indented = new(new JsonSerializerOptions(ContractsJsonContext.Default.Options)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    private static readonly JsonSerializerOptions IndentedElement = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A task spec.</summary>
    public static string Of(TaskSpec spec) => JsonSerializer.Serialize(spec, Indented.TaskSpec);

    /// <summary>A queue definition.</summary>
    public static string Of(Overseer.Contracts.Queues.QueueSpec spec) =>
        JsonSerializer.Serialize(spec, new Overseer.Contracts.Queues.QueuesJsonContext(new JsonSerializerOptions(Overseer.Contracts.Queues.QueuesJsonContext.Default.Options)
        {
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }).QueueSpec);

    /// <summary>Any JSON value.</summary>
    public static string Of(JsonElement element) => JsonSerializer.Serialize(element, IndentedElement);
}
