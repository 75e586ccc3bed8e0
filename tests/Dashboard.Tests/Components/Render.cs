using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Overseer.Dashboard.Tests.Components;

/// <summary>Renders a component to HTML with the framework's <see cref="HtmlRenderer"/> and parses it with AngleSharp.</summary>
internal static class Render
{
    public static async Task<IDocument> ComponentAsync<TComponent>(params (string Name, object? Value)[] parameters) where TComponent : IComponent
    {
        await using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters.ToDictionary(p => p.Name, p => p.Value)))).ToHtmlString());
        return await new HtmlParser().ParseDocumentAsync(html);
    }
}
