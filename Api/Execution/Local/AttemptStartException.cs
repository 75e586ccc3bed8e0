namespace Overseer.Api.Execution.Local;

/// <summary>A local attempt cannot start: its program is missing, or a Secret or ConfigMap it references cannot be resolved.</summary>
public sealed class AttemptStartException(string message) : Exception(message);
