using Overseer.Sidecar.Proxy;
using Overseer.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddProxy();

var app = builder.Build();

app.UseServiceDefaults();
app.MapDefaultEndpoints();

app.Run();

/// <summary>The Sidecar's entry point.</summary>
public partial class Program;
