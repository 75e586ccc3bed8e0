using Overseer.Api.Auth;
using Overseer.Api.Execution;
using Overseer.Api.Infrastructure.Database;
using Overseer.Api.Infrastructure.Http;
using Overseer.Api.Leadership;
using Overseer.Api.Maintenance;
using Overseer.Api.Queues;
using Overseer.Api.Results;
using Overseer.Api.Stats;
using Overseer.Api.Tasks;
using Overseer.Api.Users;
using Overseer.Api.Workflows;
using Overseer.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddWireJson();
builder.AddDatabase();
builder.AddAuth();
builder.AddTasks();
builder.AddWorkflows();
builder.AddExecution();
builder.AddLeadership();
builder.AddMaintenance();
builder.AddResults();
builder.AddUsers();
builder.AddStats();
builder.AddQueues();

var app = builder.Build();

await app.MigrateDatabaseAsync();
await app.SeedAdminTokenAsync();
await app.SeedAdminUserAsync();

app.UseServiceDefaults();
app.UseAuthentication();
app.UseAuthorization();
app.UseStrictQuery();

app.MapDefaultEndpoints();
app.MapTasksApi();
app.MapWorkflowsApi();
app.MapTokensApi();
app.MapResultsApi();
app.MapUsersApis();
app.MapStatsApi();
app.MapExecutorApi();
app.MapQueuesApi();

app.Run();

/// <summary>The Api's entry point (public so tests can host it with WebApplicationFactory).</summary>
public partial class Program;
