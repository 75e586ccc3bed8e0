namespace Overseer.Contracts.Queues;

/// <summary>Body of <c>POST /api/v1/queues/{name}/tokens</c>: a runtime credential for runtimes Overseer does not start (e.g. scaled by KEDA).</summary>
public sealed record QueueTokenRequest
{
    /// <summary>What the credential is for, e.g. <c>keda-deployment</c>.</summary>
    public string Name { get; set; } = "";
}
