using Overseer.Api.StateMachine;

namespace Overseer.Api.Workflows;

/// <summary>Registers workflows.</summary>
public static class WorkflowsExtensions
{
    /// <summary>Adds the workflow store and the progression hook that runs when workflow tasks end.</summary>
    public static IHostApplicationBuilder AddWorkflows(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<WorkflowOptions>(builder.Configuration.GetSection("Workflows"));
        builder.Services.AddSingleton<WorkflowStore>();
        builder.Services.AddSingleton<ITaskEndHook, WorkflowProgress>();
        return builder;
    }
}
