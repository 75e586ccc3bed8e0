using Dapper;
using Npgsql;
using Overseer.Api.Tests.Infrastructure;
using Overseer.Contracts.Client;
using Overseer.Contracts.Tasks;
using Overseer.Testing;

namespace Overseer.Api.Tests.Execution.Local;

/// <summary>
/// Secret and ConfigMap references on the local executor: values are read from directories shaped like mounted
/// Secrets when the attempt starts, and appear nowhere else (not in the stored spec, not in any answer).
/// </summary>
public sealed class LocalEnvSourcesTests(LocalEnvSourcesTests.SourcesApi app) : IClassFixture<LocalEnvSourcesTests.SourcesApi>
{
    private const string Canary = "canary-local-secret-5c1f0e7a";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly OverseerClient _client = app.AdminClient();

    /// <summary>The Api with a secrets and a configmaps directory holding a Secret "db" and a ConfigMap "app".</summary>
    public sealed class SourcesApi : ApiApplication
    {
        private readonly string _root = TestDirectories.Create("local-sources");

        public SourcesApi()
        {
            Write("secrets/db/password", Canary);
            Write("secrets/db/user", "svc");
            Write("secrets/db/not a name", "skipped");
            Write("configmaps/app/MODE", "fast");
            Directory.CreateDirectory(Path.Combine(_root, "secrets", "broken"));
            File.CreateSymbolicLink(Path.Combine(_root, "secrets", "broken", "TOKEN"), Path.Combine(_root, "nowhere"));
            // Links out of the secrets directory: to /etc/shadow, to a manager file beside it, and a whole Secret that is a link.
            Write("admin-token", Canary);
            Directory.CreateDirectory(Path.Combine(_root, "secrets", "escape"));
            File.CreateSymbolicLink(Path.Combine(_root, "secrets", "escape", "SHADOW"), "/etc/shadow");
            File.CreateSymbolicLink(Path.Combine(_root, "secrets", "escape", "ADMIN"), Path.Combine(_root, "admin-token"));
            Directory.CreateSymbolicLink(Path.Combine(_root, "secrets", "etc"), "/etc");
            // A mounted Secret's shape: keys are links into its ..data directory, which is inside the root.
            Write("secrets/mounted/..2026_12_03/KEY", "mounted-value");
            Directory.CreateSymbolicLink(Path.Combine(_root, "secrets", "mounted", "..data"), "..2026_12_03");
            File.CreateSymbolicLink(Path.Combine(_root, "secrets", "mounted", "KEY"), "..data/KEY");
        }

        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["Executor:SecretsDir"] = Path.Combine(_root, "secrets"),
            ["Executor:ConfigMapsDir"] = Path.Combine(_root, "configmaps"),
        };

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            TestDirectories.Delete(_root);
        }

        private void Write(string relative, string value)
        {
            var path = Path.Combine(_root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, value);
        }
    }

    private static string Hash(string value) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(value)))[..16];

    private async Task<TaskDto> RunAsync(TaskSpec spec) => await _client.WaitForTerminalAsync((await _client.SubmitTaskAsync(spec)).Id, Wait);

    [Fact]
    public async Task Secret_and_config_map_references_reach_the_process_and_the_value_is_stored_nowhere()
    {
        var task = await RunAsync(new TaskSpec
        {
            Name = "local-sources",
            // The command must not hold the value either: it prints the value's hash.
            Command = ["sh", "-c", "test \"$DB_user\" = svc && test \"$MODE\" = fast && test -z \"$GONE\" && printf %s \"$DB_PASSWORD\" | sha256sum | cut -c1-16"],
            ValueFrom = new Dictionary<string, ValueFromSpec>
            {
                ["DB_PASSWORD"] = new() { SecretKeyRef = new KeyRef { Name = "db", Key = "password" } },
                ["GONE"] = new() { SecretKeyRef = new KeyRef { Name = "db", Key = "absent", Optional = true } },
            },
            EnvFrom =
            [
                new() { SecretRef = new SourceRef { Name = "db" }, Prefix = "DB_" },
                new() { ConfigMapRef = new SourceRef { Name = "app" } },
                new() { SecretRef = new SourceRef { Name = "nowhere", Optional = true } },
            ],
        });

        Assert.Equal(TaskState.Succeeded, task.State);
        Assert.Equal(Hash(Canary) + "\n", await _client.GetLogsAsync(task.Id));
        using var http = app.CreateAuthorizedClient(ApiApplication.AdminToken);
        Assert.DoesNotContain(Canary, await http.GetStringAsync($"/api/v1/tasks/{task.Id}"), StringComparison.Ordinal);
        await using var db = new NpgsqlConnection(app.ConnectionString);
        var stored = await db.ExecuteScalarAsync<string>("SELECT spec::text FROM tasks WHERE id = @id", new { id = task.Id });
        Assert.Contains("\"secretKeyRef\"", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Var_references_expand_in_declaration_order_as_the_kubelet_does()
    {
        var task = await RunAsync(new TaskSpec
        {
            Name = "local-expansion",
            Command = ["sh", "-c", "printf '%s|%s|' \"$DERIVED\" \"$EARLY\"; printf '%s|%s\\n' \"$0\" \"$1\"", "$(MODE)-$(DERIVED)", "$$(MODE)"],
            // EARLY names MODE before it is defined, so it keeps the reference, as in a pod.
            Env = new Dictionary<string, string> { ["EARLY"] = "$(MODE)", ["DERIVED"] = "$(MODE)-derived" },
            ValueFrom = new Dictionary<string, ValueFromSpec> { ["MODE"] = new() { ConfigMapKeyRef = new KeyRef { Name = "app", Key = "MODE" } } },
            EnvOrder = ["EARLY", "MODE", "DERIVED"],
        });

        Assert.Equal(TaskState.Succeeded, task.State);
        Assert.Equal("fast-derived|$(MODE)|fast-fast-derived|$(MODE)\n", await _client.GetLogsAsync(task.Id));
    }

    [Fact]
    public async Task Missing_secret_key_fails_the_start_naming_the_secret_and_key()
    {
        var task = await RunAsync(new TaskSpec
        {
            Name = "local-missing",
            Command = ["true"],
            ValueFrom = new Dictionary<string, ValueFromSpec> { ["X"] = new() { SecretKeyRef = new KeyRef { Name = "db", Key = "token" } } },
        });

        Assert.Equal(TaskState.Failed, task.State);
        var attempt = Assert.Single(task.Attempts);
        Assert.Equal((FailureType.Application, null), (attempt.FailureType, attempt.ExitCode));
        Assert.Contains("secret \"db\" has no key \"token\"", attempt.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_config_map_in_env_from_fails_the_start()
    {
        var task = await RunAsync(new TaskSpec
        {
            Name = "local-missing-cm",
            Command = ["true"],
            EnvFrom = [new() { ConfigMapRef = new SourceRef { Name = "absent" } }],
        });

        Assert.Equal((TaskState.Failed, null), (task.State, task.Attempts.Single().ExitCode));
        Assert.Contains("configmap \"absent\" was not found", task.Attempts.Single().Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secret_key_that_is_a_dangling_link_fails_the_start_naming_it()
    {
        var task = await RunAsync(new TaskSpec
        {
            Name = "local-dangling",
            Command = ["true"],
            EnvFrom = [new() { SecretRef = new SourceRef { Name = "broken" } }],
        });

        Assert.Equal((TaskState.Failed, null), (task.State, task.Attempts.Single().ExitCode));
        Assert.Contains("secret \"broken\" key \"TOKEN\" could not be read", task.Attempts.Single().Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("escape", "SHADOW")]
    [InlineData("escape", "ADMIN")]
    [InlineData("etc", "shadow")]
    public async Task Secret_key_that_links_out_of_the_secrets_directory_fails_the_start_naming_it(string secret, string key)
    {
        var task = await RunAsync(new TaskSpec
        {
            Name = "local-link-out",
            Command = ["sh", "-c", "echo \"$STOLEN\""],
            ValueFrom = new Dictionary<string, ValueFromSpec> { ["STOLEN"] = new() { SecretKeyRef = new KeyRef { Name = secret, Key = key } } },
        });

        Assert.Equal((TaskState.Failed, null), (task.State, task.Attempts.Single().ExitCode));
        Assert.Contains($"secret \"{secret}\" key \"{key}\" is a symbolic link that leaves the local executor's Executor:SecretsDir",
            task.Attempts.Single().Reason, StringComparison.Ordinal);
        Assert.Equal("", await _client.GetLogsAsync(task.Id));
    }

    [Theory]
    [InlineData("escape")]
    [InlineData("etc")]
    public async Task Secret_whose_keys_link_out_of_the_secrets_directory_fails_the_start_as_env_from(string secret)
    {
        var task = await RunAsync(new TaskSpec
        {
            Name = "local-linkdir-out",
            Command = ["env"],
            EnvFrom = [new() { SecretRef = new SourceRef { Name = secret } }],
        });

        Assert.Equal((TaskState.Failed, null), (task.State, task.Attempts.Single().ExitCode));
        Assert.Contains("is a symbolic link that leaves the local executor's Executor:SecretsDir", task.Attempts.Single().Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, await _client.GetLogsAsync(task.Id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Links_inside_the_secrets_directory_are_followed_as_in_a_mounted_secret()
    {
        var task = await RunAsync(new TaskSpec
        {
            Name = "local-mounted",
            Command = ["sh", "-c", "echo \"$KEY\""],
            EnvFrom = [new() { SecretRef = new SourceRef { Name = "mounted" } }],
        });

        Assert.Equal(TaskState.Succeeded, task.State);
        Assert.Equal("mounted-value\n", await _client.GetLogsAsync(task.Id));
    }
}
