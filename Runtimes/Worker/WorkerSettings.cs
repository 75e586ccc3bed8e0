using System.Globalization;
using Overseer.Contracts.Queues;

namespace Overseer.Worker;

/// <summary>
/// The Worker's configuration, from its environment (set by the pool that starts it) and its command line
/// (<c>-- command args...</c>, the program to run per item). See docs/queue-protocol.md.
/// </summary>
internal sealed record WorkerSettings
{
    public required Uri ApiUrl { get; init; }
    public required string Queue { get; init; }
    public required string Token { get; init; }
    public required IReadOnlyList<string> Command { get; init; }
    public int BatchSize { get; init; } = 1;
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan ItemTimeout { get; init; } = TimeSpan.FromMinutes(15);
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(5);
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Reads the settings; on failure <paramref name="errors"/> lists every problem.</summary>
    public static WorkerSettings? Read(IReadOnlyList<string> args, Func<string, string?> env, out List<string> errors)
    {
        errors = [];
        var problems = errors;
        string? Required(string name)
        {
            var value = env(name);
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add($"{name} is not set");
            }
            return value;
        }
        TimeSpan Time(string name, TimeSpan fallback)
        {
            var text = env(name);
            if (string.IsNullOrEmpty(text))
            {
                return fallback;
            }
            if (Duration.TryParse(text, out var value, out var error))
            {
                return value;
            }
            problems.Add($"{name}: {error}");
            return fallback;
        }
        var url = Required("OVERSEER_API_URL");
        Uri? apiUrl = null;
        if (url is not null && !Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out apiUrl))
        {
            errors.Add($"OVERSEER_API_URL is not an absolute URL: {url}");
        }
        var queue = Required("OVERSEER_QUEUE");
        var token = Required("OVERSEER_QUEUE_TOKEN");
        var command = args.SkipWhile(a => a != "--").Skip(1).ToList();
        if (command.Count == 0)
        {
            command = [.. args.TakeWhile(a => a != "--")];
        }
        if (command.Count == 0 || string.IsNullOrEmpty(command[0]))
        {
            errors.Add("no command: start the Worker as 'Overseer.Worker -- <program> [args...]'");
        }
        var batch = 1;
        if (env("OVERSEER_BATCH_SIZE") is { Length: > 0 } b && (!int.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out batch) || batch is < 1 or > 1000))
        {
            errors.Add($"OVERSEER_BATCH_SIZE must be a whole number between 1 and 1000 (got '{b}')");
        }
        var settings = new WorkerSettings
        {
            ApiUrl = apiUrl!,
            Queue = queue ?? "",
            Token = token ?? "",
            Command = command,
            BatchSize = batch,
            IdleTimeout = Time("OVERSEER_IDLE_TIMEOUT", TimeSpan.FromSeconds(10)),
            ItemTimeout = Time("OVERSEER_ITEM_TIMEOUT", TimeSpan.FromMinutes(15)),
            RetryDelay = Time("OVERSEER_RETRY_DELAY", TimeSpan.FromSeconds(1)),
            MaxRetryDelay = Time("OVERSEER_MAX_RETRY_DELAY", TimeSpan.FromMinutes(5)),
            StopGrace = Time("OVERSEER_STOP_GRACE", TimeSpan.FromSeconds(10)),
        };
        return errors.Count == 0 ? settings : null;
    }

    /// <summary>Retry delay after attempt <paramref name="attempt"/> failed: doubling from <see cref="RetryDelay"/>, at most <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan Backoff(int attempt) =>
        TimeSpan.FromSeconds(Math.Min(MaxRetryDelay.TotalSeconds, RetryDelay.TotalSeconds * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30))));
}
