using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Overseer.Api.Infrastructure.Http;

/// <summary>
/// The query parameters an endpoint knows: those its handler binds from the query (a simple-typed parameter that is
/// not a route value, a service or a special type, as minimal APIs bind it) plus those named by
/// <see cref="QueryParametersMetadata"/>.
/// </summary>
public static class BoundQueryParameters
{
    /// <summary>Names are compared as minimal APIs bind them: ignoring case.</summary>
    public static IReadOnlySet<string> Of(Endpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var declared in endpoint.Metadata.GetOrderedMetadata<QueryParametersMetadata>())
        {
            names.UnionWith(declared.Names);
        }
        if (endpoint.Metadata.GetMetadata<MethodInfo>() is not { } handler)
        {
            return names;
        }
        var route = (endpoint as RouteEndpoint)?.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase)
            ?? new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in handler.GetParameters())
        {
            if (NameInQuery(parameter, route) is { } name)
            {
                names.Add(name);
            }
        }
        return names;
    }

    private static string? NameInQuery(ParameterInfo parameter, HashSet<string> route)
    {
        if (parameter.GetCustomAttribute<FromQueryAttribute>() is { } fromQuery)
        {
            return fromQuery.Name ?? parameter.Name;
        }
        if (parameter.Name is null || route.Contains(parameter.Name) || parameter.GetCustomAttributes().Any(a =>
                a is FromServicesAttribute or FromRouteAttribute or FromHeaderAttribute or FromBodyAttribute or FromFormAttribute or FromKeyedServicesAttribute))
        {
            return null;
        }
        var type = parameter.ParameterType.IsArray ? parameter.ParameterType.GetElementType()! : parameter.ParameterType;
        type = Nullable.GetUnderlyingType(type) ?? type;
        return IsSimple(type) ? parameter.Name : null;
    }

    private static bool IsSimple(Type type) =>
        type == typeof(string) || type.IsPrimitive || type.IsEnum || type == typeof(decimal) || type == typeof(Guid)
        || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(TimeSpan) || type == typeof(Uri)
        || type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), type.MakeByRefType()]) is not null;
}
