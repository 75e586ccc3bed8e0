namespace Overseer.Api.Kubernetes.Auth;

/// <summary>Supplies the bearer token of each request.</summary>
public interface ICredentialProvider
{
    /// <summary>The current token (cached as long as it is valid).</summary>
    ValueTask<string> GetTokenAsync(CancellationToken cancellationToken);

    /// <summary>Called after a 401: drops the cached token; true when asking again may give a different one (worth one retry).</summary>
    bool Invalidate();
}
