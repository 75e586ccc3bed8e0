using Overseer.Contracts.Queues;
using Overseer.Contracts.Validation;

namespace Overseer.Api.Queues;

/// <summary>The result of converting a job-chief file: definitions, or errors; plus what was not mapped.</summary>
internal sealed class JobChiefImport
{
    /// <summary>Converted, validated definitions (use them only when <see cref="Errors"/> is empty).</summary>
    public List<ImportedQueue> Queues { get; } = [];

    /// <summary>Malformed fields, by path.</summary>
    public ValidationErrors Errors { get; } = new();

    /// <summary>Fields without an Overseer counterpart.</summary>
    public List<UnmappedFieldDto> Unmapped { get; } = [];

    /// <summary>Differences in meaning of mapped fields.</summary>
    public List<string> Notes { get; } = [];
}
