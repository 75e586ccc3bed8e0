using System.Net;
using System.Text;
using System.Text.Json;
using Overseer.Sidecar.Tests.Infrastructure;
using Overseer.Testing;

namespace Overseer.Sidecar.Tests.Relay;

/// <summary>Shared mode (AppHost's sidecar) against a fake Api.</summary>
public sealed class SharedRelayTests : IAsyncLifetime
{
    private FakeApi _api = null!;
    private SidecarApplication _sidecar = null!;
    private HttpClient _http = null!;

    public async ValueTask InitializeAsync()
    {
        _api = await FakeApi.StartAsync();
        _sidecar = new SidecarApplication(new Dictionary<string, string?>
        {
            ["services:api:http:0"] = _api.Url,
            ["Relay:RetryInitialDelay"] = "00:00:00.050",
            ["Relay:RetryMaxDelay"] = "00:00:00.200",
        });
        _http = new HttpClient { BaseAddress = _sidecar.RelayAddress };
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _sidecar.DisposeAsync();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task Result_is_retried_with_fresh_signatures_until_the_api_acknowledges_it()
    {
        _api.FailNext(3);

        var posted = await _http.PostAsync($"/v1/attempts/{Guid.NewGuid()}/1/{_api.Token}/result", Json("""{"n": 1}"""));

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        await Eventually.TrueAsync(() => !_api.Delivered.IsEmpty, TimeSpan.FromSeconds(10), "delivered after the failures");
        Assert.Single(_api.Delivered);
        Assert.Equal(4, _api.Nonces.Count);
        Assert.Equal(4, _api.Nonces.Distinct().Count());
        Assert.Equal(0, _api.BadSignatures);
    }

    [Fact]
    public async Task Post_with_a_token_the_api_refuses_gets_403_and_nothing_is_delivered()
    {
        var taskId = Guid.NewGuid();

        var forged = await _http.PostAsync($"/v1/attempts/{taskId}/1/ovre_not-the-token/result", Json("""{"forged": true}"""));
        var real = await _http.PostAsync($"/v1/attempts/{taskId}/1/{_api.Token}/result", Json("""{"real": true}"""));
        var repeat = await _http.PostAsync($"/v1/attempts/{taskId}/1/{_api.Token}/result", Json("""{"real": 2}"""));

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, real.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, repeat.StatusCode);
        await Eventually.TrueAsync(() => !_api.Delivered.IsEmpty, TimeSpan.FromSeconds(10), "the real result delivered");
        using var delivered = JsonDocument.Parse(Assert.Single(_api.Delivered));
        Assert.True(delivered.RootElement.GetProperty("result").GetProperty("real").GetBoolean());
    }

    [Fact]
    public async Task Per_pod_endpoint_is_not_served_in_shared_mode()
    {
        var response = await _http.PostAsync("/v1/result", Json("{}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");
}
