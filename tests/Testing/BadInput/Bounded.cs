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

    /// <summary>
    /// Name of the variable that sets the seed of every property run: a number, <c>(seed,gamma)</c> as FsCheck prints it
    /// on a failure (to replay that run), or <c>random</c> for a new one each run.
    /// </summary>
    public const string SeedVariable = "OVERSEER_PROPERTY_SEED";

    /// <summary>The seed the test command uses, so a run is repeatable and CI does not depend on the dice.</summary>
    public const ulong DefaultSeed = 20261124;

    /// <summary>
    /// Checks <paramref name="property"/> on <paramref name="cases"/> inputs from <paramref name="inputs"/>; a failure throws,
    /// naming the input and the seed. Inputs come from <see cref="DefaultSeed"/> unless <see cref="SeedVariable"/> says otherwise.
    /// </summary>
    public static void Check<T>(Gen<T> inputs, int cases, Action<T> property)
    {
        ArgumentNullException.ThrowIfNull(property);
        var config = Config.QuickThrowOnFailure.WithMaxTest(cases).WithQuietOnSuccess(true);
        if (Seed() is { } seed)
        {
            config = config.WithReplay(Microsoft.FSharp.Core.FSharpOption<Replay>.Some(
                new Replay(seed, Microsoft.FSharp.Core.FSharpOption<int>.None)));
        }
        FsCheck.Check.One(config,
            Prop.ForAll(inputs.ToArbitrary(), (T input) =>
            {
                property(input);
                return true;
            }));
    }

    private static Rnd? Seed() => Environment.GetEnvironmentVariable(SeedVariable) switch
    {
        null or "" => new Rnd(DefaultSeed),
        "random" => null,
        var text when text.Trim('(', ')').Split(',') is [var seed, var gamma]
            && ulong.TryParse(seed, System.Globalization.CultureInfo.InvariantCulture, out var s)
            && ulong.TryParse(gamma, System.Globalization.CultureInfo.InvariantCulture, out var g) => new Rnd(s, g),
        var text => ulong.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var seed)
            ? new Rnd(seed)
            : throw new InvalidOperationException($"{SeedVariable}: '{text}' is not a number, '(seed,gamma)' as FsCheck prints it, or 'random'"),
    };

    /// <summary>A short printable form of an input, for failure messages.</summary>
    public static string Show(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var escaped = string.Concat(input.Take(600).Select(c => c < ' ' || char.IsSurrogate(c) || c is '\u200B' or '\u202E' or '\uFEFF'
            ? $"\\u{(int)c:x4}" : c.ToString()));
        return input.Length > 600 ? $"{escaped}... ({input.Length} chars)" : escaped;
    }
}
