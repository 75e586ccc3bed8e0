using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Overseer.Sidecar.Proxy;

/// <summary>
/// The rules in force: those of configuration (<c>Proxy:Allow</c>, <c>Proxy:Deny</c>) plus those of the rules file.
/// Either part is replaced whole when it changes; a part that fails to parse keeps its previous rules.
/// </summary>
public sealed class ProxyRules : IDisposable
{
    private readonly ILogger<ProxyRules> _logger;
    private readonly IDisposable? _subscription;
    private readonly Lock _lock = new();
    private (IReadOnlyList<EgressRule> Allow, IReadOnlyList<EgressRule> Deny) _configured = ([], []);
    private (IReadOnlyList<EgressRule> Allow, IReadOnlyList<EgressRule> Deny) _file = ([], []);
    private string? _fileHash;
    private volatile RuleSet _current = RuleSet.Empty;

    /// <summary>Loads the configured rules and the rules file (if any) and follows configuration changes.</summary>
    public ProxyRules(IOptionsMonitor<ProxyOptions> options, ILogger<ProxyRules> logger)
    {
        _logger = logger;
        var (allow, deny, errors) = ParseLists(options.CurrentValue);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid proxy rules: " + string.Join("; ", errors));
        }
        _configured = (allow, deny);
        Rebuild();
        if (options.CurrentValue.RulesFile is { Length: > 0 } path)
        {
            ReloadFile(path);
        }
        _subscription = options.OnChange(OnOptionsChanged);
    }

    /// <summary>The rules in force.</summary>
    public RuleSet Current => _current;

    /// <summary>The rules file's content when it differs from the rules in force; null when unchanged or unreadable.</summary>
    public string? ChangedFile(string path) => Read(path) is { } text && Hash(text) != _fileHash ? text : null;

    /// <summary>
    /// Reads the rules file if its content changed; answers true when new rules were applied. With
    /// <paramref name="expected"/>, applies only that content (a file still being written is left for the next check).
    /// </summary>
    public bool ReloadFile(string path, string? expected = null)
    {
        if (Read(path) is not { } text || (expected is not null && text != expected))
        {
            return false;
        }
        var hash = Hash(text);
        if (hash == _fileHash)
        {
            return false;
        }
        var (allow, deny, errors) = ParseFile(text);
        if (errors.Count > 0)
        {
            _fileHash = hash;
            ProxyLog.RulesRejected(_logger, path, string.Join("; ", errors));
            return false;
        }
        lock (_lock)
        {
            _fileHash = hash;
            _file = (allow, deny);
            Rebuild();
        }
        ProxyLog.RulesLoaded(_logger, path, allow.Count, deny.Count);
        return true;
    }

    private string? Read(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : "";
        }
        catch (IOException e)
        {
            ProxyLog.RulesFileUnreadable(_logger, path, e.Message);
            return null;
        }
    }

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Parses a rules file: <c>allow PATTERN</c> or <c>deny PATTERN</c> per line; blank lines and <c>#</c> comments ignored.</summary>
    public static (List<EgressRule> Allow, List<EgressRule> Deny, List<string> Errors) ParseFile(string text)
    {
        var (allow, deny, errors) = (new List<EgressRule>(), new List<EgressRule>(), new List<string>());
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.Split('#')[0].Trim();
            if (line.Length == 0)
            {
                continue;
            }
            var parts = line.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var list = parts[0].ToLowerInvariant() switch { "allow" => allow, "deny" => deny, _ => null };
            if (list is null || parts.Length != 2)
            {
                errors.Add($"line {number}: expected 'allow PATTERN' or 'deny PATTERN'");
            }
            else if (EgressRule.TryParse(parts[1], out var rule, out var error))
            {
                list.Add(rule);
            }
            else
            {
                errors.Add($"line {number}: {error}");
            }
        }
        return (allow, deny, errors);
    }

    /// <inheritdoc />
    public void Dispose() => _subscription?.Dispose();

    private void OnOptionsChanged(ProxyOptions options)
    {
        var (allow, deny, errors) = ParseLists(options);
        if (errors.Count > 0)
        {
            ProxyLog.RulesRejected(_logger, "configuration", string.Join("; ", errors));
            return;
        }
        lock (_lock)
        {
            _configured = (allow, deny);
            Rebuild();
        }
    }

    private void Rebuild() => _current = new RuleSet([.. _configured.Allow, .. _file.Allow], [.. _configured.Deny, .. _file.Deny]);

    private static (List<EgressRule>, List<EgressRule>, List<string>) ParseLists(ProxyOptions options)
    {
        var (allow, deny, errors) = (new List<EgressRule>(), new List<EgressRule>(), new List<string>());
        foreach (var (source, into) in new[] { (options.Allow, allow), (options.Deny, deny) })
        {
            foreach (var text in source)
            {
                if (EgressRule.TryParse(text, out var rule, out var error))
                {
                    into.Add(rule);
                }
                else
                {
                    errors.Add(error);
                }
            }
        }
        return (allow, deny, errors);
    }
}
