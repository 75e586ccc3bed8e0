using Npgsql;

namespace Overseer.AppHost.Publish.Values;

/// <summary>
/// <c>secrets.*</c>: either the name of a Secret you manage (<c>existingSecret</c>), or values given now, which publish
/// writes into a Secret of its own. Never both. Error messages never repeat a secret value.
/// </summary>
internal sealed record SecretsOptions(string Name, bool Generate, string ConnectionString, string AdminToken, string PostgresPassword)
{
    public const string DefaultName = "overseer-secrets";
    public const string ConnectionStringKey = "connection-string";
    public const string AdminTokenKey = "admin-token";
    public const string PostgresPasswordKey = "postgres-password";
    public const string KedaConnectionKey = "keda-connection";
    public const string ForwardingKeyKey = "forwarding-key";
    public const string ResultMasterKeyKey = "result-master-key";

    public static SecretsOptions Read(ValuesSection s, bool embeddedPostgres)
    {
        var existing = s.String("existingSecret", "", Names.Dns1123Subdomain);
        var connection = s.String("connectionString", "");
        var token = s.String("adminToken", "");
        var password = s.String("postgresPassword", "");
        var generate = connection.Length + token.Length + password.Length > 0;
        if (!generate)
        {
            return new(existing.Length > 0 ? existing : DefaultName, false, "", "", "");
        }
        if (existing.Length > 0)
        {
            s.Error("existingSecret", "give either secrets.existingSecret or secret values (connectionString, adminToken, postgresPassword), not both");
        }
        if (token.Length < 16)
        {
            s.Error("adminToken", token.Length == 0 ? "is required when publish writes the Secret (at least 16 characters)" : "must be at least 16 characters long");
        }
        if (embeddedPostgres)
        {
            if (password.Length < 8)
            {
                s.Error("postgresPassword", "is required with postgres.embedded (at least 8 characters)");
            }
            if (connection.Length > 0)
            {
                s.Error("connectionString", "is built from secrets.postgresPassword when postgres.embedded is true; leave it empty");
            }
        }
        else
        {
            if (connection.Length == 0)
            {
                s.Error("connectionString", "is required when publish writes the Secret and PostgreSQL is external");
            }
            else if (!Parses(connection))
            {
                s.Error("connectionString", "is not a valid Npgsql connection string (Host=...;Database=...;Username=...;Password=...)");
            }
            if (password.Length > 0)
            {
                s.Error("postgresPassword", "is only used with postgres.embedded: true");
            }
        }
        return new(DefaultName, true, connection, token, password);
    }

    private static bool Parses(string connection)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(connection).Host is { Length: > 0 };
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
