namespace Overseer.Dashboard.Assets;

/// <summary>Serves wwwroot: versioned URLs are cached for a year, the rest revalidated.</summary>
public static class AssetsExtensions
{
    /// <summary>Adds the static file middleware with the cache policy.</summary>
    public static IApplicationBuilder UseDashboardAssets(this IApplicationBuilder app) => app.UseStaticFiles(new StaticFileOptions
    {
        OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl =
            ctx.Context.Request.Query.ContainsKey("v") ? "public, max-age=31536000, immutable" : "no-cache",
    });
}
