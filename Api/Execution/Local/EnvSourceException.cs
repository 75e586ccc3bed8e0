namespace Overseer.Api.Execution.Local;

/// <summary>A task's Secret or ConfigMap reference cannot be resolved, so its attempt cannot start.</summary>
public sealed class EnvSourceException(string message) : Exception(message);
