namespace Overseer.Api.Execution;

/// <summary>A pool task cannot run; the message says why (it becomes the attempt's reason).</summary>
public sealed class PoolUnavailableException(string message) : Exception(message);
