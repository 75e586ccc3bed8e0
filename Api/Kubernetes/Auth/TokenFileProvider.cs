namespace Overseer.Api.Kubernetes.Auth;

/// <summary>A token read from a file and read again periodically and after a 401, so a rotated token is picked up (service-account tokens rotate).</summary>
public sealed class TokenFileProvider : ICredentialProvider
{
    private readonly string _path;
    private readonly string _what;
    private readonly CredentialSettings _settings;
    private readonly Lock _lock = new();
    private string? _token;
    private long _readAt;

    /// <summary>Reads the file once now, so a missing file fails at configuration time.</summary>
    public TokenFileProvider(string path, string what, CredentialSettings settings)
    {
        _path = path;
        _what = what;
        _settings = settings;
        _token = Read();
        _readAt = settings.Time.GetTimestamp();
    }

    /// <inheritdoc />
    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_token is null || _settings.Time.GetElapsedTime(_readAt) >= _settings.TokenFileRefresh)
            {
                try
                {
                    _token = Read();
                    _readAt = _settings.Time.GetTimestamp();
                }
                catch (Config.KubernetesConfigException e) when (_token is not null)
                {
                    // Keep the last good token; a rotation in progress can briefly leave the file missing.
                    KubernetesLog.TokenFileUnreadable(_settings.Logger, _path, e.Message);
                }
            }
            return ValueTask.FromResult(_token);
        }
    }

    /// <inheritdoc />
    public bool Invalidate()
    {
        lock (_lock)
        {
            _readAt = long.MinValue / 2;
        }
        return true;
    }

    private string Read()
    {
        string token;
        try
        {
            token = File.ReadAllText(_path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new Config.KubernetesConfigException($"Cannot read {_what} '{_path}': {e.Message}", e);
        }
        if (token.Length == 0)
        {
            throw new Config.KubernetesConfigException($"{_what} '{_path}' is empty");
        }
        return token;
    }
}
