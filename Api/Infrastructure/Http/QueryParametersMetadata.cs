namespace Overseer.Api.Infrastructure.Http;

/// <summary>
/// Endpoint metadata naming query parameters a handler reads itself (from <c>HttpRequest.Query</c>), beyond those it
/// binds as parameters; see <see cref="StrictQueryMiddleware"/>.
/// </summary>
public sealed class QueryParametersMetadata(params string[] names)
{
    /// <summary>The parameter names.</summary>
    public IReadOnlyList<string> Names { get; } = names;
}
