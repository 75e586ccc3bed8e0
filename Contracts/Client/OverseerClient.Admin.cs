using Overseer.Contracts.Auth;
using Overseer.Contracts.Executor;
using Overseer.Contracts.Json;
using Overseer.Contracts.Stats;

namespace Overseer.Contracts.Client;

public sealed partial class OverseerClient
{
    /// <summary>Lists API tokens, sessions included (admin scope). Secrets are never listed.</summary>
    public Task<IReadOnlyList<TokenDto>> ListTokensAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, "api/v1/tokens", null, Json.IReadOnlyListTokenDto, ct);

    /// <summary>Revokes an API token (admin scope).</summary>
    public Task RevokeTokenAsync(Guid id, CancellationToken ct = default) => SendAsync(HttpMethod.Delete, $"api/v1/tokens/{id}", ct);

    /// <summary>Counts by state, the last hour per minute and recent failures, from maintained counters.</summary>
    public Task<StatsDto> GetStatsAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, "api/v1/stats", null, AdminJson.Lenient.StatsDto, ct);

    /// <summary>How the Api runs tasks and what isolates them (read scope).</summary>
    public Task<ExecutorDto> GetExecutorAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, "api/v1/executor", null, AdminJson.Lenient.ExecutorDto, ct);
}
