using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using Overseer.AppHost.Publish.Values;

namespace Overseer.AppHost.Publish.Manifests;

/// <summary>
/// The Secret publish writes when values were given at publish time (<c>secrets.adminToken</c> and friends). With
/// <c>secrets.existingSecret</c> nothing is written: pods refer to the named Secret, which must hold the same keys.
/// </summary>
internal static class SecretManifests
{
    public static KubeObject? Secret(PublishValues v)
    {
        if (!v.Secrets.Generate)
        {
            return null;
        }
        var connection = v.Postgres.Embedded ? EmbeddedConnectionString(v.Secrets.PostgresPassword) : v.Secrets.ConnectionString;
        var data = new JsonObject
        {
            [SecretsOptions.AdminTokenKey] = v.Secrets.AdminToken,
            [SecretsOptions.ConnectionStringKey] = connection,
            [SecretsOptions.ForwardingKeyKey] = ForwardingKey(v.Secrets.AdminToken),
            [SecretsOptions.ResultMasterKeyKey] = ResultMasterKey(v.Secrets.AdminToken),
        };
        if (v.Postgres.Embedded)
        {
            data[SecretsOptions.PostgresPasswordKey] = v.Secrets.PostgresPassword;
        }
        if (v.Api.Keda.Enabled)
        {
            // KEDA's operator connects from its own namespace, so the embedded server needs its full service name.
            data[SecretsOptions.KedaConnectionKey] = LibpqConnection(connection, v.Postgres.Embedded ? $"{ObjectNames.Postgres}.{v.Namespace.Name}.svc" : null);
        }
        return KubeObject.Create("v1", "Secret", v.Secrets.Name, v.Namespace.Name, Labels.Common(), ("type", "Opaque"), ("stringData", data));
    }

    /// <summary>
    /// The key with which the Dashboard forwards browsers' addresses to the Api (sign-in throttling). Derived from the
    /// admin token rather than drawn at random, so publishing the same values twice writes the same Secret; it reveals
    /// nothing of the token, and whoever holds the token is admin anyway.
    /// </summary>
    public static string ForwardingKey(string adminToken) => Convert.ToHexStringLower(
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(adminToken), Encoding.UTF8.GetBytes("overseer sign-in client address forwarding")));

    /// <summary>
    /// The master key every Api replica derives attempt keys from (<c>Results__MasterKey</c>, 32 bytes, base64). It
    /// must be the same in every replica and across restarts, or a result signed under one replica's key is refused
    /// by another. Derived from the admin token like <see cref="ForwardingKey"/>, with its own label: a pod never
    /// holds either, and whoever holds the admin token is admin anyway.
    /// </summary>
    public static string ResultMasterKey(string adminToken) => Convert.ToBase64String(
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(adminToken), Encoding.UTF8.GetBytes("overseer result signing master key")));

    public static string EmbeddedConnectionString(string password) => new NpgsqlConnectionStringBuilder
    {
        Host = ObjectNames.Postgres,
        Port = ObjectNames.PostgresPort,
        Database = PostgresOptions.Database,
        Username = PostgresOptions.Database,
        Password = password,
    }.ConnectionString;

    /// <summary>The same server in libpq's <c>key='value'</c> form, which KEDA's postgresql scaler reads.</summary>
    public static string LibpqConnection(string npgsql, string? host = null)
    {
        var b = new NpgsqlConnectionStringBuilder(npgsql);
        var text = new StringBuilder();
        Add(text, "host", host ?? b.Host);
        Add(text, "port", b.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(text, "dbname", b.Database);
        Add(text, "user", b.Username);
        Add(text, "password", b.Password);
        Add(text, "sslmode", b.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Allow => "allow",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => "prefer",
        });
        return text.ToString();
    }

    private static void Add(StringBuilder text, string key, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }
        if (text.Length > 0)
        {
            text.Append(' ');
        }
        text.Append(key).Append("='").Append(value.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("'", @"\'", StringComparison.Ordinal)).Append('\'');
    }
}
