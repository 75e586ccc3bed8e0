namespace Overseer.AppHost.Run;

/// <summary>A problem the user can fix (a busy port, an unwritable directory): printed as a sentence, not a stack trace.</summary>
public sealed class UsageException(string message) : Exception(message);
