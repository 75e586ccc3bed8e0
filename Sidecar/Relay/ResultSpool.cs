using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Overseer.Contracts.Signing;

namespace Overseer.Sidecar.Relay;

/// <summary>
/// Shared mode's durable hold (<see cref="RelayOptions.SpoolDir"/>): a runner's result is written and flushed to disk
/// before the runner is answered, and deleted once the Api recorded it or refused it for good. A sidecar that crashed
/// (before relaying, or after relaying but before it heard the answer) finds its results here when it starts again and
/// delivers them again with the same enrollment instance (kept here too), so the Api hands it the attempt key again and
/// answers a result it had already recorded "duplicate": nothing is lost and nothing is recorded twice. Files are the
/// sidecar user's only (0600 in a 0700 directory): they hold enrollment tokens.
/// </summary>
internal sealed class ResultSpool
{
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly string? _dir;
    private readonly ILogger<ResultSpool> _logger;

    public ResultSpool(IOptions<RelayOptions> options, ILogger<ResultSpool> logger)
    {
        _logger = logger;
        if (options.Value.SpoolDir is { Length: > 0 } dir && !options.Value.PerPod)
        {
            _dir = Path.GetFullPath(dir);
            Directory.CreateDirectory(_dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>True when results are kept on disk.</summary>
    public bool Enabled => _dir is not null;

    /// <summary>The enrollment instance of this spool (made once, then kept), or null without a spool.</summary>
    public string? Instance()
    {
        if (_dir is null)
        {
            return null;
        }
        var path = Path.Combine(_dir, "instance");
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: >= 32 } kept)
        {
            return kept;
        }
        var instance = Base64Url.Encode(RandomNumberGenerator.GetBytes(32));
        Write(path, instance);
        return instance;
    }

    /// <summary>Keeps <paramref name="session"/>'s posted result until <see cref="Delete"/>; flushed to disk on return.</summary>
    public void Save(AttemptSession session)
    {
        if (_dir is null)
        {
            return;
        }
        var entry = new JsonObject
        {
            ["taskId"] = session.TaskId,
            ["attempt"] = session.Attempt,
            ["token"] = session.Token,
            ["result"] = Convert.ToBase64String(session.Result!),
        };
        Write(PathOf(session), entry.ToJsonString());
    }

    /// <summary>Forgets <paramref name="session"/>'s result.</summary>
    public void Delete(AttemptSession session)
    {
        if (_dir is not null)
        {
            File.Delete(PathOf(session));
        }
    }

    /// <summary>The results a previous run accepted and did not finish with; an unreadable entry is set aside as <c>.bad</c>.</summary>
    public IReadOnlyList<AttemptSession> Load()
    {
        if (_dir is null)
        {
            return [];
        }
        var sessions = new List<AttemptSession>();
        foreach (var path in Directory.EnumerateFiles(_dir, "*.result"))
        {
            try
            {
                var entry = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
                var session = new AttemptSession((Guid)entry["taskId"]!, (int)entry["attempt"]!, (string)entry["token"]!);
                session.TryPost(Convert.FromBase64String((string)entry["result"]!));
                sessions.Add(session);
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NullReferenceException or IOException)
            {
                RelayLog.SpoolEntryUnreadable(_logger, Path.GetFileName(path), e.GetType().Name);
                File.Move(path, path + ".bad", overwrite: true);
            }
        }
        return sessions;
    }

    private string PathOf(AttemptSession session) =>
        Path.Combine(_dir!, FormattableString.Invariant($"{session.TaskId:N}-{session.Attempt}-{Convert.ToHexString(session.TokenHash, 0, 8)}.result"));

    private static void Write(string path, string text)
    {
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, new FileStreamOptions
        {
            Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = OwnerFile,
        }))
        {
            file.Write(System.Text.Encoding.UTF8.GetBytes(text));
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }
}
