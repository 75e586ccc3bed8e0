using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http;
using Overseer.KubeSim.Api;
using Overseer.KubeSim.Faults;
using Overseer.KubeSim.Security;

namespace Overseer.KubeSim.Hosting;

/// <summary>
/// Serves every request: counts it, authenticates it (client certificate from the simulator's CA, or a bearer token),
/// injects faults, authorizes it, and routes it to discovery, the admin API or the resource API.
/// </summary>
public sealed class SimPipeline(SimCluster cluster, SimCertificates certificates, Func<Uri> server)
{
    private readonly ResourceApi _resources = new(cluster);
    private readonly AdminApi _admin = new(cluster);

    /// <summary>Handles one request.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        var arrived = cluster.Store.Time.GetUtcNow();
        var path = context.Request.Path.Value ?? "/";
        var request = ApiRequest.Parse(context.Request);
        var verb = request?.Verb ?? context.Request.Method.ToLowerInvariant();
        var resource = request?.Resource ?? (path.StartsWith("/_sim", StringComparison.Ordinal) ? "_sim" : "discovery");
        SimUser? user = null;
        var recorded = 0;
        // Recorded just before the answer leaves (or before a deliberately dropped one), so a client that has its answer
        // always finds its request in the stats.
        void Record()
        {
            if (Interlocked.Exchange(ref recorded, 1) == 0)
            {
                cluster.Stats.Record(new RequestRecord(arrived, context.Request.Method, path + context.Request.QueryString,
                    verb, resource, user?.Name, context.Response.StatusCode));
            }
        }
        context.Response.OnStarting(() =>
        {
            Record();
            return Task.CompletedTask;
        });
        context.Items[RecordKey] = (Action)Record;
        try
        {
            if (path is "/version" or "/healthz" or "/livez" or "/readyz")
            {
                await (path == "/version"
                    ? SimJson.WriteAsync(context, 200, DiscoveryDocuments.Version())
                    : WriteTextAsync(context, "ok"));
                return;
            }
            user = await AuthenticateAsync(context)
                ?? throw new SimApiException(401, "Unauthorized", "Unauthorized");
            if (path.StartsWith("/_sim/", StringComparison.Ordinal))
            {
                await _admin.HandleAsync(context, path);
                return;
            }
            if (request is null)
            {
                await DiscoveryAsync(context, path);
                return;
            }
            if (cluster.Faults.Roll(verb) is { } fault)
            {
                if (fault.RetryAfter is { } seconds)
                {
                    context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                throw fault.Code == 429
                    ? new SimApiException(429, "TooManyRequests", "Too many requests, please try again later.",
                        new System.Text.Json.Nodes.JsonObject { ["retryAfterSeconds"] = fault.RetryAfter ?? 1 })
                    : new SimApiException(fault.Code, "InternalError", "Internal error occurred: injected by KubeSim");
            }
            if (!cluster.Users.IsAllowed(user, verb, request.Resource, request.Namespace))
            {
                var where = request.Namespace is null ? "at the cluster scope" : $"in the namespace \"{request.Namespace}\"";
                throw new SimApiException(403, "Forbidden",
                    $"{request.Kind.QualifiedResource}{(request.Name is null ? "" : $" \"{request.Name}\"")} is forbidden: User \"{user.Name}\" cannot {verb} resource \"{request.Resource}\" in API group \"{request.Kind.Group}\" {where}",
                    new System.Text.Json.Nodes.JsonObject { ["name"] = request.Name, ["group"] = request.Kind.Group, ["kind"] = request.Kind.Plural });
            }
            await _resources.HandleAsync(context, request);
        }
        catch (SimApiException e)
        {
            if (!context.Response.HasStarted)
            {
                await SimJson.WriteErrorAsync(context, e);
            }
        }
        finally
        {
            Record();
        }
    }

    /// <summary>Key of the <see cref="HttpContext.Items"/> entry that records the request now (before a dropped response).</summary>
    public const string RecordKey = "kubesim.record";

    private async Task<SimUser?> AuthenticateAsync(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return cluster.Users.FromToken(authorization[7..].Trim());
        }
        var certificate = await context.Connection.GetClientCertificateAsync(context.RequestAborted);
        if (certificate is not null && certificates.IsValidClient(certificate))
        {
            var groups = certificate.SubjectName.EnumerateRelativeDistinguishedNames()
                .Where(n => n.GetSingleElementType().Value == "2.5.4.10").Select(n => n.GetSingleElementValue() ?? "").ToList();
            return new SimUser(certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false), groups);
        }
        return null;
    }

    private Task DiscoveryAsync(HttpContext context, string path)
    {
        if (path == "/openapi/v2")
        {
            // An empty OpenAPI v2 document (protobuf, the only form kubectl reads): kubectl then finds no schema for any kind,
            // skips client-side validation, and the simulator's own validation answers, as the server's would.
            context.Response.ContentType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";
            context.Response.ContentLength = 0;
            return Task.CompletedTask;
        }
        var parts = path.Trim('/').Split('/');
        var document = parts switch
        {
            ["api"] => DiscoveryDocuments.CoreVersions($"{server().Host}:{server().Port}"),
            ["apis"] => DiscoveryDocuments.Groups(),
            ["api", var v] => DiscoveryDocuments.Resources("", v),
            ["apis", var g, var v] => DiscoveryDocuments.Resources(g, v),
            _ => null,
        };
        return document is null
            ? SimJson.WriteErrorAsync(context, new SimApiException(404, "NotFound", "the server could not find the requested resource"))
            : SimJson.WriteAsync(context, 200, document);
    }

    private static async Task WriteTextAsync(HttpContext context, string text)
    {
        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync(text, context.RequestAborted);
    }
}
