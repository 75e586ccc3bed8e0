using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Overseer.Sidecar.Tests.Infrastructure;

/// <summary>Collects every formatted log line (with exceptions and state values) of an in-process host.</summary>
public sealed class LogCollector : ILoggerProvider
{
    /// <summary>Lines written so far.</summary>
    public ConcurrentQueue<string> Lines { get; } = new();

    /// <summary>Everything logged, as one text.</summary>
    public string Text => string.Join('\n', Lines);

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Collector(this, categoryName);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Collector(LogCollector owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            owner.Lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            owner.Lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {values} {exception}");
        }
    }
}
