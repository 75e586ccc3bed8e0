using System.Diagnostics;
using System.Security.Cryptography;
using Npgsql;
using Overseer.ServiceDefaults.Posix;

namespace Overseer.AppHost.Postgres;

/// <summary>
/// A PostgreSQL server run from the machine's own binaries: initdb on first use, listening on 127.0.0.1 only (no
/// Unix socket), password authentication. As root it runs as the <c>postgres</c> user, because PostgreSQL refuses root.
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    private readonly Process _process;
    private readonly EmbeddedPostgresOptions _options;

    private EmbeddedPostgres(Process process, EmbeddedPostgresOptions options, int port, string password)
    {
        _process = process;
        _options = options;
        Port = port;
        var csb = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = options.User, Password = password, Database = options.Database };
        ConnectionString = csb.ConnectionString;
        csb.Database = "postgres";
        AdminConnectionString = csb.ConnectionString;
    }

    /// <summary>Connection string of the app database.</summary>
    public string ConnectionString { get; }

    /// <summary>Connection string of the <c>postgres</c> maintenance database (same superuser).</summary>
    public string AdminConnectionString { get; }

    /// <summary>TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Process id of the postmaster.</summary>
    public int Pid => _process.Id;

    /// <summary>The cluster directory.</summary>
    public string ClusterDir => Path.Combine(_options.DataDir, "postgres");

    /// <summary>Initializes the cluster if needed, starts the server and waits until it accepts connections.</summary>
    public static async Task<EmbeddedPostgres> StartAsync(EmbeddedPostgresOptions options, CancellationToken ct)
    {
        var launch = await PrepareAsync(options, ct);
        var process = StartServer(launch, options);
        var server = new EmbeddedPostgres(process, options, launch.Port, launch.Password);
        await server.WaitReadyAsync(ct);
        await EnsureDatabaseAsync(launch.AdminConnectionString, options.Database, ct);
        // Pooled connections to an earlier server on the same port are dead now; nobody should be handed one.
        NpgsqlConnection.ClearAllPools();
        return server;
    }

    /// <summary>
    /// Everything before the server runs: finds the binaries and the user to run as, proves that user reaches the data
    /// dir, runs initdb on first use, stops a server an earlier run left behind and picks the port. Answers the command
    /// that runs the server (AppHost hands it to Aspire as an executable resource).
    /// </summary>
    public static async Task<PostgresLaunch> PrepareAsync(EmbeddedPostgresOptions options, CancellationToken ct)
    {
        var bin = PostgresBinaries.Find() ?? throw new EmbeddedPostgresException(
            "PostgreSQL server binaries (initdb, postgres) were not found. " + PostgresBinaries.InstallHint);
        var runAs = Native.IsRoot
            ? UnixUser.Find("postgres") ?? throw new EmbeddedPostgresException(
                "Running as root, but there is no 'postgres' user to run PostgreSQL as (it refuses to run as root). " +
                "Create one (the postgresql package does), or run as a normal user.")
            : null;
        var dataDir = Path.GetFullPath(options.DataDir);
        var cluster = Path.Combine(dataDir, "postgres");
        var password = ReadOrCreateSecret(Path.Combine(dataDir, "postgres.password"));
        if (runAs is not null)
        {
            await EnsureReachableAsync(runAs, dataDir, ct);
        }
        if (!File.Exists(Path.Combine(cluster, "PG_VERSION")))
        {
            await InitAsync(bin, runAs, dataDir, cluster, options.User, password, ct);
        }
        await StopStaleServerAsync(cluster, ct);
        var port = ChoosePort(Path.Combine(dataDir, "postgres.port"));
        var settings = new Dictionary<string, string>
        {
            ["listen_addresses"] = "127.0.0.1",
            ["port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["unix_socket_directories"] = "",
            ["max_connections"] = "200",
        };
        foreach (var (name, value) in options.Settings)
        {
            settings[name] = value;
        }
        string[] command = [Path.Combine(bin, "postgres"), "-D", cluster, .. settings.SelectMany(s => new[] { "-c", $"{s.Key}={s.Value}" })];
        // setpriv execs: the server keeps the pid it was started with, so a stop signal reaches the postmaster itself.
        var (file, args) = runAs is null ? (command[0], command[1..]) : ("setpriv", AsUser(runAs, command));
        var csb = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = options.User, Password = password, Database = options.Database };
        var connectionString = csb.ConnectionString;
        csb.Database = "postgres";
        return new PostgresLaunch(file, args, cluster, port, password, connectionString, csb.ConnectionString);
    }

    /// <summary>Creates <paramref name="database"/> through the maintenance database when it does not exist.</summary>
    public static async Task EnsureDatabaseAsync(string adminConnectionString, string database, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(adminConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.Add(new NpgsqlParameter { Value = database });
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>Stops the server: fast shutdown, then immediate, then kill.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }
        foreach (var (signal, wait) in new[] { (Native.SigInt, 30), (Native.SigQuit, 5) })
        {
            Native.Signal(_process.Id, signal);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(wait));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
                return;
            }
            catch (OperationCanceledException)
            {
                // Escalate.
            }
        }
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    /// <summary>The superuser's password kept in <paramref name="dataDir"/> (created on first use, mode 0600).</summary>
    public static string Password(string dataDir) => ReadOrCreateSecret(Path.Combine(Path.GetFullPath(dataDir), "postgres.password"));

    private static string ReadOrCreateSecret(string path)
    {
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        PrivateFiles.WriteAllText(path, secret);
        return secret;
    }

    private static async Task EnsureReachableAsync(UnixUser user, string dataDir, CancellationToken ct)
    {
        var (code, _) = await RunAsync("setpriv", AsUser(user, ["/usr/bin/test", "-x", dataDir]), dataDir, ct);
        if (code != 0)
        {
            throw new EmbeddedPostgresException(
                $"PostgreSQL runs as user 'postgres' (it refuses root), and that user cannot reach '{dataDir}'. " +
                "Make every parent directory searchable (chmod o+x), or pass a --data-dir under /var/tmp or /srv.");
        }
    }

    private static async Task InitAsync(string bin, UnixUser? user, string dataDir, string cluster, string superuser, string password, CancellationToken ct)
    {
        if (Directory.Exists(cluster) && Directory.EnumerateFileSystemEntries(cluster).Any())
        {
            throw new EmbeddedPostgresException($"'{cluster}' exists but is not a PostgreSQL data directory; move it away or choose another --data-dir.");
        }
        Directory.CreateDirectory(cluster, PrivateFiles.Directory);
        var pwfile = Path.Combine(dataDir, ".initdb-password");
        PrivateFiles.WriteAllText(pwfile, password);
        if (user is not null)
        {
            Native.ChangeOwner(cluster, user.Uid, user.Gid);
            Native.ChangeOwner(pwfile, user.Uid, user.Gid);
        }
        File.SetUnixFileMode(cluster, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            string[] initdb = [Path.Combine(bin, "initdb"), "-D", cluster, "-U", superuser, "--pwfile", pwfile,
                "--auth", "scram-sha-256", "-E", "UTF8", "--locale", "C.UTF-8", "--no-instructions", "--no-sync"];
            var (code, output) = user is null
                ? await RunAsync(initdb[0], initdb[1..], dataDir, ct)
                : await RunAsync("setpriv", AsUser(user, initdb), dataDir, ct);
            if (code != 0)
            {
                throw new EmbeddedPostgresException($"initdb failed (exit {code}):\n{output}");
            }
        }
        finally
        {
            File.Delete(pwfile);
        }
    }

    private static async Task StopStaleServerAsync(string cluster, CancellationToken ct)
    {
        var pidFile = Path.Combine(cluster, "postmaster.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid) || !Native.IsAlive(pid))
        {
            return;
        }
        // A server left behind by an AppHost that was killed: stop it so this run owns the cluster.
        Native.Signal(pid, Native.SigInt);
        for (var i = 0; i < 300 && Native.IsAlive(pid); i++)
        {
            await Task.Delay(100, ct);
        }
    }

    private static int ChoosePort(string portFile)
    {
        if (File.Exists(portFile) && int.TryParse(File.ReadAllText(portFile).Trim(), out var saved) && FreePort.IsFree(saved))
        {
            return saved;
        }
        var port = FreePort.Pick();
        PrivateFiles.WriteAllText(portFile, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return port;
    }

    private static Process StartServer(PostgresLaunch launch, EmbeddedPostgresOptions options)
    {
        var info = new ProcessStartInfo(launch.Command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = launch.ClusterDir,
        };
        foreach (var arg in launch.Args)
        {
            info.ArgumentList.Add(arg);
        }
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Forward(options, e.Data);
        process.ErrorDataReceived += (_, e) => Forward(options, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Forward(EmbeddedPostgresOptions options, string? line)
    {
        if (line is not null)
        {
            options.Log?.Invoke(line);
        }
    }

    private async Task WaitReadyAsync(CancellationToken ct)
    {
        var csb = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Timeout = 2, Pooling = false };
        var started = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new EmbeddedPostgresException($"PostgreSQL exited with code {_process.ExitCode} while starting; see its log lines above.");
            }
            try
            {
                await using var connection = new NpgsqlConnection(csb.ConnectionString);
                await connection.OpenAsync(ct);
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException && started.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(100, ct);
            }
        }
    }

    private static string[] AsUser(UnixUser user, string[] command) =>
        ["--reuid", user.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture),
         "--regid", user.Gid.ToString(System.Globalization.CultureInfo.InvariantCulture), "--init-groups", "--", .. command];

    private static async Task<(int Code, string Output)> RunAsync(string file, IEnumerable<string> args, string workingDir, CancellationToken ct)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDir };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, (await stdout) + (await stderr));
    }
}
