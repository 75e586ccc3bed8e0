using Overseer.Dashboard.Components;
using Overseer.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddRazorComponents();

var app = builder.Build();

app.UseServiceDefaults();
app.UseAntiforgery();

app.MapDefaultEndpoints();
app.MapRazorComponents<App>();

app.Run();

/// <summary>The Dashboard's entry point.</summary>
public partial class Program;
