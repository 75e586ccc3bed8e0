using Overseer.Sidecar.Proxy;
using Overseer.Sidecar.Relay;
using Overseer.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddProxy();
builder.AddRelay();

var app = builder.Build();

app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapRelayApi();

app.Run();

/// <summary>The Sidecar's entry point.</summary>
public partial class Program;
