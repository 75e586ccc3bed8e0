using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Overseer.Dashboard.Assets;
using Overseer.Dashboard.Queues;
using Overseer.Dashboard.Security;

namespace Overseer.Dashboard.Components;

/// <summary>The pages: Razor components rendered on the server (static SSR; see PACKAGES.md for why not interactive).</summary>
public static class UiExtensions
{
    /// <summary>Registers the components and what they use.</summary>
    public static IHostApplicationBuilder AddDashboardUi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents();
        builder.Services.AddSingleton<AssetUrls>();
        builder.Services.AddScoped<CurrentUser>();
        builder.Services.TryAddSingleton<IQueueOverview, ApiQueueOverview>();
        return builder;
    }

    /// <summary>Maps the pages, and a 404 page for every other path.</summary>
    public static IEndpointRouteBuilder MapDashboardPages(this IEndpointRouteBuilder app)
    {
        app.MapRazorComponents<App>();
        app.MapFallback(() => new RazorComponentResult<ErrorDocument>(new { Status = StatusCodes.Status404NotFound })
        {
            StatusCode = StatusCodes.Status404NotFound,
        }).AllowAnonymous();
        return app;
    }
}
