using System.Security.Cryptography;
using System.Text;

namespace Overseer.Sidecar.Relay;

/// <summary>One attempt the relay serves: its token, its key once enrolled, and its result once posted.</summary>
internal sealed class AttemptSession(Guid taskId, int attempt, string token)
{
    private int _posted;

    public Guid TaskId => taskId;

    public int Attempt => attempt;

    /// <summary>The enrollment token (sent only to the Api).</summary>
    public string Token => token;

    /// <summary>SHA-256 of the token, to compare later posts with in constant time.</summary>
    public byte[] TokenHash { get; } = SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>The attempt key, once enrolled.</summary>
    public byte[]? Key { get; set; }

    /// <summary>Heartbeat interval the Api asked for.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The result JSON the runner posted.</summary>
    public byte[]? Result { get; private set; }

    /// <summary>Set when delivery ended (delivered, refused, or given up).</summary>
    public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Stores the result the first time; false when one was already posted.</summary>
    public bool TryPost(byte[] result)
    {
        if (Interlocked.Exchange(ref _posted, 1) == 1)
        {
            return false;
        }
        Result = result;
        return true;
    }

    /// <summary>True when <paramref name="result"/> is the result already posted (a runner retrying its post).</summary>
    public bool IsPosted(byte[] result) => Result is { } posted && posted.AsSpan().SequenceEqual(result);

    /// <summary>True when <paramref name="candidate"/> is this session's token; constant time.</summary>
    public bool HasToken(string candidate) =>
        CryptographicOperations.FixedTimeEquals(TokenHash, SHA256.HashData(Encoding.UTF8.GetBytes(candidate)));
}
