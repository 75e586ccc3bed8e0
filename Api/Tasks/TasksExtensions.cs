using Overseer.Api.StateMachine;

namespace Overseer.Api.Tasks;

/// <summary>Registers the task API's services.</summary>
public static class TasksExtensions
{
    /// <summary>Adds <see cref="TaskStore"/>, <see cref="AttemptBatch"/> and <see cref="TaskOptions"/>.</summary>
    public static IHostApplicationBuilder AddTasks(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<TaskOptions>(builder.Configuration.GetSection("Tasks"));
        builder.Services.AddSingleton<TaskStore>();
        builder.Services.AddSingleton<AttemptBatch>();
        return builder;
    }
}
