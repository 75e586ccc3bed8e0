namespace Overseer.Api.Infrastructure.Http;

/// <summary>Unknown query parameters are refused (see <see cref="StrictQueryMiddleware"/>).</summary>
public static class StrictQueryExtensions
{
    /// <summary>Refuses GETs of <c>/api/v1</c> with query parameters their endpoint does not know.</summary>
    public static IApplicationBuilder UseStrictQuery(this IApplicationBuilder app) => app.UseMiddleware<StrictQueryMiddleware>();

    /// <summary>Declares query parameters the handler reads from <c>HttpRequest.Query</c> itself.</summary>
    public static TBuilder WithQueryParameters<TBuilder>(this TBuilder builder, params string[] names)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new QueryParametersMetadata(names));
}
