using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using Overseer.Api.Kubernetes.Config;
using Overseer.Api.Kubernetes.Serialization;

namespace Overseer.Api.Kubernetes.Auth;

/// <summary>
/// Runs an exec credential plugin (<c>client.authentication.k8s.io/v1</c> or <c>v1beta1</c>) and caches its token until its
/// <c>expirationTimestamp</c> (forever when it has none, until a 401).
/// </summary>
public sealed class ExecCredentialProvider : ICredentialProvider, IDisposable
{
    private static readonly string[] SupportedVersions = ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"];

    private readonly ExecConfig _config;
    private readonly string _what;
    private readonly ExecCluster _cluster;
    private readonly CredentialSettings _settings;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset? _expires;

    /// <summary>Checks the plugin configuration; the plugin itself first runs on the first request.</summary>
    public ExecCredentialProvider(ExecConfig config, string what, ExecCluster cluster, CredentialSettings settings)
    {
        if (string.IsNullOrEmpty(config.Command))
        {
            throw new KubernetesConfigException($"The exec plugin of {what} has no command");
        }
        if (!SupportedVersions.Contains(config.ApiVersion))
        {
            throw new KubernetesConfigException(
                $"The exec plugin of {what} has apiVersion '{config.ApiVersion}'; supported: {string.Join(", ", SupportedVersions)}");
        }
        if (config.InteractiveMode == "Always")
        {
            throw new KubernetesConfigException($"The exec plugin of {what} needs an interactive terminal (interactiveMode: Always), which a service does not have");
        }
        _config = config;
        _what = what;
        _cluster = cluster;
        _settings = settings;
    }

    /// <summary>How many times the plugin has run.</summary>
    public int Runs { get; private set; }

    /// <inheritdoc />
    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_token is null || (_expires is { } expires && _settings.Time.GetUtcNow() >= expires))
            {
                (_token, _expires) = await RunAsync(cancellationToken);
            }
            return _token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public bool Invalidate()
    {
        _token = null;
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private async Task<(string Token, DateTimeOffset? Expires)> RunAsync(CancellationToken cancellationToken)
    {
        var command = _config.Command!;
        var start = new ProcessStartInfo(command)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in _config.Args ?? [])
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var env in _config.Env ?? [])
        {
            if (!string.IsNullOrEmpty(env.Name))
            {
                start.Environment[env.Name] = env.Value ?? "";
            }
        }
        start.Environment["KUBERNETES_EXEC_INFO"] = JsonSerializer.Serialize(new ExecCredential
        {
            ApiVersion = _config.ApiVersion,
            Kind = "ExecCredential",
            Spec = new ExecCredentialSpec { Interactive = false, Cluster = _config.ProvideClusterInfo ? _cluster : null },
        }, KubernetesJsonContext.Default.ExecCredential);

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            var hint = string.IsNullOrEmpty(_config.InstallHint) ? "" : $" {_config.InstallHint.Trim()}";
            throw new KubernetesConfigException($"The exec plugin '{command}' of {_what} could not be started: {e.Message}.{hint}", e);
        }
        Runs++;
        KubernetesLog.ExecPluginRun(_settings.Logger, command, _what);
        process.StandardInput.Close();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_settings.ExecPluginTimeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            await Task.WhenAll(stdout, stderr);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new KubernetesConfigException($"The exec plugin '{command}' of {_what} did not finish within {_settings.ExecPluginTimeout.TotalSeconds:0.#}s");
        }
        if (process.ExitCode != 0)
        {
            var message = (await stderr).Trim();
            if (message.Length > 2000)
            {
                message = message[^2000..];
            }
            throw new KubernetesConfigException($"The exec plugin '{command}' of {_what} failed with exit code {process.ExitCode}: {message}");
        }
        return Parse(await stdout, command);
    }

    private (string, DateTimeOffset?) Parse(string output, string command)
    {
        ExecCredential? credential;
        try
        {
            credential = JsonSerializer.Deserialize(output, KubernetesJsonContext.Default.ExecCredential);
        }
        catch (JsonException e)
        {
            throw new KubernetesConfigException($"The exec plugin '{command}' of {_what} printed something that is not an ExecCredential: {e.Message}", e);
        }
        if (credential is null || credential.Kind != "ExecCredential" || credential.ApiVersion != _config.ApiVersion)
        {
            throw new KubernetesConfigException(
                $"The exec plugin '{command}' of {_what} answered kind '{credential?.Kind}' apiVersion '{credential?.ApiVersion}'; expected ExecCredential {_config.ApiVersion}");
        }
        if (credential.Status is not { Token: { Length: > 0 } token } status)
        {
            var what = credential.Status?.ClientCertificateData is not null
                ? "a client certificate, which this client does not support from plugins"
                : "no token";
            throw new KubernetesConfigException($"The exec plugin '{command}' of {_what} returned {what}");
        }
        return (token, status.ExpirationTimestamp);
    }
}
