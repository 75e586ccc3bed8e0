using Overseer.Sidecar;

SidecarApp.Build(args).Run();

/// <summary>The Sidecar's entry point.</summary>
public partial class Program;
