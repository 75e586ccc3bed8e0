namespace Overseer.AppHost.Postgres;

/// <summary>The embedded server could not be prepared or started; the message tells the user what to do.</summary>
public sealed class EmbeddedPostgresException(string message) : Exception(message);
