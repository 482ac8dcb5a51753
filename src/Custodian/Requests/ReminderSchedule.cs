using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Custodian.Requests;

/// <summary>Looks for reminders that have fallen due every Requests:ReminderCheckMinutes, and once at start.</summary>
internal sealed partial class ReminderSchedule(RequestReminders reminders, IOptions<RequestsOptions> options, Storage.SchedulerLease lease, TimeProvider time, ILogger<ReminderSchedule> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.ReminderCheckMinutes == 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.ReminderCheckMinutes), time);
        try
        {
            do
            {
                // Of several servers, the lease's holder alone reminds.
                if (lease.IsHeld)
                {
                    await TickAsync(stoppingToken);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down between looks.
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            await reminders.SendAsync(cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
        {
            // The next look tries again; a reminder is sent late rather than the server stopping.
            LogFailed(ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminders not sent this time: {Error}")]
    private partial void LogFailed(string error);
}
