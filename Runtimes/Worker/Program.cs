using System.Net.Http.Headers;
using Overseer.Contracts.Client;
using Overseer.Contracts.Queues;
using Overseer.ServiceDefaults;
using Overseer.Worker;

// Overseer's ready-made queue runtime: `Overseer.Worker -- <program> [args...]` runs the program once per item of
// OVERSEER_QUEUE (see docs/queue-protocol.md for the environment and the exit codes).
var settings = WorkerSettings.Read(args, Environment.GetEnvironmentVariable, out var errors);
if (settings is null)
{
    foreach (var error in errors)
    {
        await Console.Error.WriteLineAsync("overseer-worker: " + error);
    }
    return WorkerExitCodes.Misconfigured;
}

// The command line belongs to the item command, so the host reads configuration from the environment only.
var builder = Host.CreateApplicationBuilder();
builder.AddServiceDefaults();
builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.StopGrace + TimeSpan.FromSeconds(10));
builder.Services.AddSingleton(settings);
builder.Services.AddSingleton<WorkerExit>();
builder.Services.AddSingleton<HeldItems>();
builder.Services.AddSingleton<ItemRunner>();
builder.Services.AddSingleton(sp => new QueueRuntimeClient(new HttpClient
{
    BaseAddress = settings.ApiUrl,
    Timeout = TimeSpan.FromSeconds(30),
    DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", settings.Token) },
}, settings.Queue));
builder.Services.AddHostedService<WorkerService>();

using var host = builder.Build();
var exit = host.Services.GetRequiredService<WorkerExit>();
await host.RunAsync();
return exit.Code;
