namespace Overseer.Api.Kubernetes.Auth;

/// <summary>A token written in the kubeconfig.</summary>
public sealed class StaticTokenProvider(string token) : ICredentialProvider
{
    /// <inheritdoc />
    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(token);

    /// <inheritdoc />
    public bool Invalidate() => false;
}
