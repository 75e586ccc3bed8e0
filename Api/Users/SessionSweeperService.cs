using Microsoft.Extensions.Options;
using Npgsql;

namespace Overseer.Api.Users;

/// <summary>Deletes sessions that ended long ago, so every sign-in does not leave a row forever. Any replica may run it.</summary>
internal sealed class SessionSweeperService(SessionStore sessions, IOptions<UsersOptions> options, TimeProvider time,
    ILogger<SessionSweeperService> logger) : BackgroundService
{
    /// <summary>One sweep; answers how many sessions were deleted.</summary>
    public Task<int> RunOnceAsync(CancellationToken ct) => sessions.SweepAsync(options.Value.KeepEndedSessions, ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
            while (await timer.WaitForNextTickAsync(stoppingToken).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default))
            {
                try
                {
                    if (await RunOnceAsync(stoppingToken) is > 0 and var count)
                    {
                        UsersLog.SessionsSwept(logger, count);
                    }
                }
                catch (Exception e) when (e is NpgsqlException or TimeoutException)
                {
                    UsersLog.SweepFailed(logger, e.Message);
                }
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: whatever the last round threw (a cancelled command, a closed connection) is not a failure.
        }
    }
}
