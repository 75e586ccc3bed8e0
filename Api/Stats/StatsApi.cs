using Microsoft.AspNetCore.Http.HttpResults;
using Overseer.Contracts.Auth;
using Overseer.Contracts.Stats;

namespace Overseer.Api.Stats;

/// <summary><c>GET /api/v1/stats</c>: the numbers behind the Dashboard's overview.</summary>
public static class StatsApi
{
    /// <summary>Maps the stats endpoint.</summary>
    public static IEndpointRouteBuilder MapStatsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/stats", GetAsync).WithTags("Stats").RequireAuthorization(TokenScopes.Read);
        return app;
    }

    private static async Task<Ok<StatsDto>> GetAsync(StatsStore stats, CancellationToken ct) => TypedResults.Ok(await stats.ReadAsync(ct));
}
