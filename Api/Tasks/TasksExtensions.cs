using Overseer.Api.StateMachine;

namespace Overseer.Api.Tasks;

/// <summary>Registers the task API's services.</summary>
public static class TasksExtensions
{
    /// <summary>Adds <see cref="TaskStore"/>, <see cref="AttemptBatch"/> and <see cref="TaskOptions"/>.</summary>
    public static IHostApplicationBuilder AddTasks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TaskOptions>().Bind(builder.Configuration.GetSection("Tasks")).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<TaskStore>();
        builder.Services.AddSingleton<AttemptBatch>();
        return builder;
    }
}
