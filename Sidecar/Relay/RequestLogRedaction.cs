using Microsoft.Extensions.Options;

namespace Overseer.Sidecar.Relay;

/// <summary>
/// Shared-mode result URLs carry an enrollment token, and ASP.NET Core's hosting, routing and Kestrel logs print
/// request paths below Warning. This caps every <c>Microsoft.AspNetCore.*</c> category at Warning for every logging
/// provider, after configuration is applied, so no log-level setting can bring request paths (and tokens) back.
/// </summary>
internal sealed class RequestLogRedaction : IPostConfigureOptions<LoggerFilterOptions>
{
    private const string Category = "Microsoft.AspNetCore";

    public void PostConfigure(string? name, LoggerFilterOptions options)
    {
        var providers = options.Rules.Select(r => r.ProviderName).Append(null).Distinct().ToList();
        var specific = options.Rules.Where(r => r.CategoryName?.StartsWith(Category, StringComparison.OrdinalIgnoreCase) == true).ToList();
        foreach (var rule in specific)
        {
            options.Rules.Remove(rule);
        }
        foreach (var provider in providers)
        {
            options.Rules.Add(new LoggerFilterRule(provider, Category, LogLevel.Warning, null));
        }
    }
}
