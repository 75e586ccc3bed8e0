using Overseer.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();

var app = builder.Build();

app.UseServiceDefaults();
app.MapDefaultEndpoints();

app.Run();

/// <summary>The Worker runtime's entry point.</summary>
public partial class Program;
