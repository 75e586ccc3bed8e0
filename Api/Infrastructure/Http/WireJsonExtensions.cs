using Overseer.Contracts.Json;

namespace Overseer.Api.Infrastructure.Http;

/// <summary>Responses use the Contracts' source-generated JSON (camelCase, enums as strings).</summary>
public static class WireJsonExtensions
{
    /// <summary>Puts <see cref="ContractsJsonContext"/> first in the HTTP JSON resolver chain.</summary>
    public static IHostApplicationBuilder AddWireJson(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ContractsJsonContext.Default));
        return builder;
    }
}
