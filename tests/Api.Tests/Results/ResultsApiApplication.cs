using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Overseer.Api.Results;
using Overseer.Api.Tests.Infrastructure;
using Overseer.Contracts.Signing;
using Overseer.Contracts.Tasks;

namespace Overseer.Api.Tests.Results;

/// <summary>The Api with a known master key, plus helpers to sign requests as a sidecar would.</summary>
public sealed class ResultsApiApplication : ApiApplication
{
    /// <summary>The master key (base64 of 32 bytes).</summary>
    public const string MasterKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    /// <summary>Counts of the results meter's instruments, by instrument and tag value, for this app only.</summary>
    public Dictionary<string, long> Counts { get; } = [];

    private MeterListener? _listener;

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Results:MasterKey"] = MasterKey,
    };

    /// <summary>The key of one attempt.</summary>
    public static byte[] KeyOf(Guid taskId, int attempt) => AttemptKeys.Derive(Convert.FromBase64String(MasterKey), taskId, attempt);

    /// <summary>A fresh enrollment token for one attempt, minted by the Api's keyring.</summary>
    public string MintToken(Guid taskId, int attempt) => Services.GetRequiredService<ResultKeyring>().MintEnrollmentToken(taskId, attempt);

    /// <summary>Starts counting the results meter of this app.</summary>
    public void CountMetrics()
    {
        var factory = Services.GetRequiredService<IMeterFactory>();
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ResultsMetrics.MeterName && instrument.Meter.Scope == factory)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var key = instrument.Name + (tags.Length > 0 ? "/" + tags[0].Value : "");
            lock (Counts)
            {
                Counts[key] = Counts.GetValueOrDefault(key) + value;
            }
        });
        _listener.Start();
    }

    /// <summary>The count of <paramref name="key"/> so far.</summary>
    public long Count(string key)
    {
        lock (Counts)
        {
            return Counts.GetValueOrDefault(key);
        }
    }

    /// <summary>A signed request as a sidecar sends it.</summary>
    public static HttpRequestMessage Signed(string path, Guid taskId, int attempt, string body, DateTimeOffset? at = null, string? nonce = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var signed = RequestSigner.Sign(KeyOf(taskId, attempt), "POST", path, taskId, attempt,
            CanonicalRequest.FormatTimestamp(at ?? DateTimeOffset.UtcNow), nonce ?? RequestSigner.NewNonce(), bytes);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        signed.ApplyTo(request.Headers);
        return request;
    }

    /// <summary>A result envelope around <paramref name="resultJson"/>.</summary>
    public static string Envelope(string resultJson) => $$"""{"result":{{resultJson}},"files":[]}""";

    /// <summary>Submits a task and waits until it ended.</summary>
    public async Task<TaskDto> RunTaskAsync(TaskSpec spec) =>
        await AdminClient().WaitForTerminalAsync((await AdminClient().SubmitTaskAsync(spec)).Id, TimeSpan.FromSeconds(30));

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        _listener?.Dispose();
        await base.DisposeAsync();
    }
}
