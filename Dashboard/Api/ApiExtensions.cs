namespace Overseer.Dashboard.Api;

/// <summary>Registers the Api clients; the address comes from <c>services__api__http__0</c>, as Aspire names it.</summary>
public static class ApiExtensions
{
    /// <summary>Configuration key of the Api's address.</summary>
    public const string AddressKey = "services:api:http:0";

    /// <summary>Adds <see cref="ApiClients"/> and the per-request <see cref="ApiSession"/>.</summary>
    public static IHostApplicationBuilder AddOverseerApi(this IHostApplicationBuilder builder)
    {
        var address = builder.Configuration[AddressKey];
        if (string.IsNullOrWhiteSpace(address) || !Uri.TryCreate(address.TrimEnd('/') + "/", UriKind.Absolute, out var baseAddress))
        {
            throw new InvalidOperationException(
                "The Api's address is not set: set services__api__http__0 (e.g. http://127.0.0.1:5080), or start everything with 'dotnet run --project AppHost'.");
        }
        builder.Services.AddHttpClient(ApiClients.HttpClientName, c =>
        {
            c.BaseAddress = baseAddress;
            c.Timeout = TimeSpan.FromSeconds(30);
        });
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<ApiClients>();
        builder.Services.AddScoped<ApiSession>();
        return builder;
    }

    /// <summary>Turns Api failures during a request into the right page (see <see cref="ApiErrorMiddleware"/>).</summary>
    public static IApplicationBuilder UseApiErrors(this IApplicationBuilder app) => app.UseMiddleware<ApiErrorMiddleware>();
}
