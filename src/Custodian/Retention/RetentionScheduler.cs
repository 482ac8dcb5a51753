using Custodian.Gate;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Custodian.Retention;

/// <summary>Runs disposal at every <see cref="RetentionOptions.Interval"/> when <see cref="RetentionOptions.Enabled"/>.</summary>
internal sealed class RetentionScheduler(DisposalRun run, IOptions<RetentionOptions> options, Storage.SchedulerLease lease, TimeProvider time, ILogger<RetentionScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                // Of several servers, the lease's holder alone disposes.
                if (lease.IsHeld)
                {
                    await TickAsync(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down between batches: what was committed is recorded, the rest goes next time.
        }
    }

    internal async Task TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            var report = await run.RunAsync(Actor.System, dryRun: false, cancellationToken: cancellationToken);
            logger.LogInformation("Scheduled disposal run {RunId} disposed of {Count} records", report.RunId, report.Total);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or Microsoft.EntityFrameworkCore.DbUpdateException or InvalidOperationException)
        {
            // Retried at the next interval; the batches already committed stay disposed of and recorded.
            logger.LogWarning("Scheduled disposal run failed: {ExceptionType}", ex.GetType().Name);
        }
    }
}
