using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Overseer.Contracts.Signing;

namespace Overseer.Sidecar.Tests.Infrastructure;

/// <summary>
/// Stands in for the Api's <c>/internal/v1</c> endpoints: grants the key to one token, checks signatures with
/// <see cref="RequestSignature"/>, and records what arrives. <see cref="FailNext"/> makes the next deliveries fail with 503.
/// </summary>
public sealed class FakeApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _failNext;

    private FakeApi(WebApplication app) => _app = app;

    /// <summary>The token this fake accepts.</summary>
    public string Token { get; } = "ovre_" + Base64Url.Encode(RandomNumberGenerator.GetBytes(32));

    /// <summary>The key it hands out.</summary>
    public byte[] Key { get; } = RandomNumberGenerator.GetBytes(32);

    /// <summary>Enrollment requests received.</summary>
    public ConcurrentQueue<EnrollmentRequest> Enrollments { get; } = new();

    /// <summary>Result bodies whose signature verified.</summary>
    public ConcurrentQueue<byte[]> Delivered { get; } = new();

    /// <summary>Heartbeats whose signature verified.</summary>
    public int Heartbeats => Volatile.Read(ref _heartbeats);

    /// <summary>Nonces of every signed request, verified or not.</summary>
    public ConcurrentQueue<string> Nonces { get; } = new();

    /// <summary>Signed requests whose signature did not verify.</summary>
    public int BadSignatures => Volatile.Read(ref _bad);

    /// <summary>Base URL.</summary>
    public string Url => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    private int _heartbeats;
    private int _bad;

    /// <summary>Signing timestamps of every signed request, as sent.</summary>
    public ConcurrentQueue<DateTimeOffset> Timestamps { get; } = new();

    /// <summary>How far this fake's clock (its <c>X-Overseer-Time</c> header) is from the machine's.</summary>
    public TimeSpan ClockOffset { get; set; }

    /// <summary>Makes the next <paramref name="count"/> result deliveries answer 503.</summary>
    public void FailNext(int count) => Volatile.Write(ref _failNext, count);

    /// <summary>Starts the fake on 127.0.0.1.</summary>
    public static async Task<FakeApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new FakeApi(app);
        app.Use(async (context, next) =>
        {
            context.Response.Headers[SigningHeaders.ApiTime] = (DateTimeOffset.UtcNow + fake.ClockOffset).UtcDateTime
                .ToString(SigningHeaders.ApiTimeFormat, System.Globalization.CultureInfo.InvariantCulture);
            await next(context);
        });
        app.MapPost(InternalPaths.Enrollments, async (HttpRequest request) =>
        {
            var enrollment = await JsonSerializer.DeserializeAsync(request.Body, SigningJsonContext.Default.EnrollmentRequest);
            fake.Enrollments.Enqueue(enrollment!);
            return enrollment!.Token == fake.Token
                ? Microsoft.AspNetCore.Http.Results.Json(new EnrollmentResponse(Base64Url.Encode(fake.Key), 1), SigningJsonContext.Default.EnrollmentResponse)
                : Microsoft.AspNetCore.Http.Results.Problem(statusCode: 401, title: "Enrollment refused");
        });
        app.MapPost(InternalPaths.Results, async (HttpRequest request) =>
        {
            var body = await fake.VerifyAsync(request);
            if (body is null)
            {
                return Microsoft.AspNetCore.Http.Results.Problem(statusCode: 401);
            }
            if (Interlocked.Decrement(ref fake._failNext) >= 0)
            {
                return Microsoft.AspNetCore.Http.Results.Problem(statusCode: 503, title: "Database down");
            }
            fake.Delivered.Enqueue(body);
            return Microsoft.AspNetCore.Http.Results.Json(new RecordedResultDto("recorded"), SigningJsonContext.Default.RecordedResultDto, statusCode: 201);
        });
        app.MapPost(InternalPaths.Heartbeats, async (HttpRequest request) =>
        {
            if (await fake.VerifyAsync(request) is null)
            {
                return Microsoft.AspNetCore.Http.Results.Problem(statusCode: 401);
            }
            Interlocked.Increment(ref fake._heartbeats);
            return Microsoft.AspNetCore.Http.Results.NoContent();
        });
        await app.StartAsync();
        return fake;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<byte[]?> VerifyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var h = request.Headers;
        Nonces.Enqueue(h[SigningHeaders.Nonce].ToString());
        Timestamps.Enqueue(DateTimeOffset.Parse(h[SigningHeaders.Timestamp].ToString(), System.Globalization.CultureInfo.InvariantCulture));
        var canonical = CanonicalRequest.Build("POST", request.Path, Guid.Parse(h[SigningHeaders.TaskId].ToString()),
            int.Parse(h[SigningHeaders.Attempt].ToString(), System.Globalization.CultureInfo.InvariantCulture), h[SigningHeaders.Timestamp].ToString(),
            h[SigningHeaders.Nonce].ToString(), body);
        if (RequestSignature.Verify(Key, canonical, h[SigningHeaders.Signature].ToString()))
        {
            return body;
        }
        Interlocked.Increment(ref _bad);
        return null;
    }
}
