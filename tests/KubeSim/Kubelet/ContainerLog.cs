namespace Overseer.KubeSim.Kubelet;

/// <summary>The output of one run of a container: timestamped lines (stdout and stderr interleaved), followable until the run ends.</summary>
public sealed class ContainerLog
{
    private const long MaxBytes = 8 * 1024 * 1024;

    private readonly Lock _lock = new();
    private readonly List<(DateTimeOffset At, string Line)> _lines = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _bytes;

    /// <summary>True once the run has ended (no more lines).</summary>
    public bool Completed { get; private set; }

    /// <summary>Adds a line.</summary>
    public void Append(DateTimeOffset at, string line)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            _lines.Add((at, line));
            _bytes += line.Length + 1;
            while (_bytes > MaxBytes && _lines.Count > 1)
            {
                _bytes -= _lines[0].Line.Length + 1;
                _lines.RemoveAt(0);
            }
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
    }

    /// <summary>Marks the end of the run.</summary>
    public void Complete()
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            Completed = true;
            changed = _changed;
        }
        changed.TrySetResult();
    }

    /// <summary>Lines from index <paramref name="from"/>, whether the log has ended, and a task that completes on the next change.</summary>
    public (List<(DateTimeOffset At, string Line)> Lines, bool Completed, Task Changed) Read(int from)
    {
        lock (_lock)
        {
            return ([.. _lines.Skip(from)], Completed, _changed.Task);
        }
    }
}
