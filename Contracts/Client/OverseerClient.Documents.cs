using System.Text;
using Overseer.Contracts.Tasks;

namespace Overseer.Contracts.Client;

public sealed partial class OverseerClient
{
    /// <summary>Submits a task written by hand, as YAML (<c>application/yaml</c>) or JSON; answers the created task.</summary>
    public Task<TaskDto> SubmitTaskDocumentAsync(string document, string mediaType = "application/yaml", CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "api/v1/tasks", new StringContent(document, Encoding.UTF8, mediaType), Json.TaskDto, ct);

    /// <summary>Validates a task document without storing it; answers the spec with defaults filled in.</summary>
    public Task<TaskSpec> DryRunTaskDocumentAsync(string document, string mediaType = "application/yaml", CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "api/v1/tasks?dryRun=true", new StringContent(document, Encoding.UTF8, mediaType), Json.TaskSpec, ct);
}
