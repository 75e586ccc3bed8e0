using Overseer.Dashboard.Account;
using Overseer.Dashboard.Actions;
using Overseer.Dashboard.Api;
using Overseer.Dashboard.Assets;
using Overseer.Dashboard.Components;
using Overseer.Dashboard.Live;
using Overseer.Dashboard.Security;
using Overseer.ServiceDefaults;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // wwwroot is copied next to the assembly by the build, so static files resolve however the app is started.
    WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
});

builder.AddServiceDefaults();
builder.AddDashboardSecurity();
builder.AddOverseerApi();
builder.AddDashboardUi();

var app = builder.Build();

app.UseServiceDefaults();
app.UseSecurityHeaders();
app.UseDashboardAssets();
app.UseAuthentication();
app.UseAntiforgeryEverywhere();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();
app.UseApiErrors();

app.MapDefaultEndpoints();
app.MapAccountEndpoints();
app.MapActionEndpoints();
app.MapLiveEndpoints();
app.MapDashboardPages();

app.Run();

/// <summary>The Dashboard's entry point.</summary>
public partial class Program;
