using System.Text.Json;
using System.Text.Json.Serialization;
using Overseer.Contracts.Auth;
using Overseer.Contracts.Paging;
using Overseer.Contracts.Problems;
using Overseer.Contracts.Tasks;
using Overseer.Contracts.Workflows;

namespace Overseer.Contracts.Json;

/// <summary>Source-generated JSON metadata for every wire type (camelCase, enums as strings).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(TaskSpec))]
[JsonSerializable(typeof(TaskDto))]
[JsonSerializable(typeof(Page<TaskSummaryDto>))]
[JsonSerializable(typeof(IReadOnlyList<TransitionDto>))]
[JsonSerializable(typeof(CreateTokenRequest))]
[JsonSerializable(typeof(CreatedTokenDto))]
[JsonSerializable(typeof(IReadOnlyList<TokenDto>))]
[JsonSerializable(typeof(ProblemDto))]
[JsonSerializable(typeof(WorkflowDocument))]
[JsonSerializable(typeof(WorkflowDto))]
[JsonSerializable(typeof(Page<WorkflowSummaryDto>))]
public sealed partial class ContractsJsonContext : JsonSerializerContext;
