using FsCheck;
using FsCheck.Fluent;

namespace Overseer.Testing.BadInput;

/// <summary>Runs parser properties: every case in its own thread under a time limit, so a hang fails the case instead of the run.</summary>
public static class Bounded
{
    /// <summary>Longest a single parse may take on a busy 2-core machine.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Runs <paramref name="parse"/>; throws <see cref="TimeoutException"/> when it does not finish within <see cref="Timeout"/>.</summary>
    public static T Run<T>(Func<T> parse)
    {
        var task = Task.Factory.StartNew(parse, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (!task.Wait(Timeout))
        {
            throw new TimeoutException($"the parser did not finish within {Timeout.TotalSeconds} s");
        }
        return task.GetAwaiter().GetResult();
    }

    /// <summary>Asynchronous <see cref="Run{T}"/>, for requests.</summary>
    public static async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call)
    {
        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            return await call(cts.Token).WaitAsync(Timeout * 2);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"the request did not finish within {Timeout.TotalSeconds} s");
        }
    }

    /// <summary>Checks <paramref name="property"/> on <paramref name="cases"/> inputs from <paramref name="inputs"/>; a failure throws, naming the input and the seed.</summary>
    public static void Check<T>(Gen<T> inputs, int cases, Action<T> property)
    {
        ArgumentNullException.ThrowIfNull(property);
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(cases).WithQuietOnSuccess(true),
            Prop.ForAll(inputs.ToArbitrary(), (T input) =>
            {
                property(input);
                return true;
            }));
    }

    /// <summary>A short printable form of an input, for failure messages.</summary>
    public static string Show(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var escaped = string.Concat(input.Take(600).Select(c => c < ' ' || char.IsSurrogate(c) || c is '\u200B' or '\u202E' or '\uFEFF'
            ? $"\\u{(int)c:x4}" : c.ToString()));
        return input.Length > 600 ? $"{escaped}... ({input.Length} chars)" : escaped;
    }
}
