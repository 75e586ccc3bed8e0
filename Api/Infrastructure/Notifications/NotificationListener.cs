using Npgsql;
using Overseer.Api.Execution;
using Overseer.Api.StateMachine;

namespace Overseer.Api.Infrastructure.Notifications;

/// <summary>
/// LISTENs for work and cancel notifications from every replica, so a dispatcher wakes within milliseconds of a
/// submission anywhere and a cancel reaches the process running the attempt. After a reconnect it wakes the
/// dispatcher once, since notifications sent meanwhile are lost (the periodic claim also covers that).
/// </summary>
public sealed class NotificationListener(NpgsqlDataSource db, WorkSignal work, ICancelRouter cancels, ILogger<NotificationListener> logger)
    : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var failures = 0;
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await using var connection = await db.OpenConnectionAsync(stoppingToken);
                    connection.Notification += OnNotification;
                    await using (var listen = new NpgsqlCommand($"LISTEN {TaskSql.WorkChannel}; LISTEN {TaskSql.CancelChannel};", connection))
                    {
                        await listen.ExecuteNonQueryAsync(stoppingToken);
                    }
                    failures = 0;
                    work.Notify();
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        await connection.WaitAsync(stoppingToken);
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
                {
                    failures++;
                    var delay = TimeSpan.FromMilliseconds(Math.Min(10_000, 250 * Math.Pow(2, Math.Min(failures, 6))));
                    NotificationLog.ListenFailed(logger, delay.TotalMilliseconds, e.Message);
                    await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                }
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: whatever the last round threw (a cancelled command, a closed connection) is not a failure.
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        if (e.Channel == TaskSql.WorkChannel)
        {
            work.Notify();
        }
        else if (e.Channel == TaskSql.CancelChannel && Guid.TryParse(e.Payload, out var taskId))
        {
            cancels.Cancel(taskId);
        }
    }
}
