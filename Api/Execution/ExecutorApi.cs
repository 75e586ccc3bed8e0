using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Overseer.Api.Execution.Local;
using Overseer.Contracts.Auth;
using Overseer.Contracts.Executor;

namespace Overseer.Api.Execution;

/// <summary><c>GET /api/v1/executor</c>: how this Api runs tasks, and what keeps them apart (AppHost prints it when ready).</summary>
public static class ExecutorApi
{
    /// <summary>Maps the executor endpoint.</summary>
    public static IEndpointRouteBuilder MapExecutorApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/executor", Get).WithTags("Executor").RequireAuthorization(TokenScopes.Read);
        return app;
    }

    private static Ok<ExecutorDto> Get(IOptions<ExecutorOptions> options, IServiceProvider services)
    {
        var o = options.Value;
        if (services.GetService<TaskIsolation>() is { } isolation)
        {
            return TypedResults.Ok(new ExecutorDto(o.Kind, o.Concurrency, isolation.User?.Name, isolation.Sandboxed, isolation.Description, EgressEnforced: false));
        }
        return TypedResults.Ok(new ExecutorDto(o.Kind, o.Concurrency, null, false,
            "each attempt is a Kubernetes Job of its own, restricted Pod Security profile, no service account token; egress enforced by the NetworkPolicy",
            EgressEnforced: true));
    }
}
