using Custodian.Gate;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Custodian.Anonymization;

/// <summary>The policy's "continuously create": a release of the configured policy at every interval, when switched on.</summary>
internal sealed class ReleaseScheduler(AnonymizedReleases releases, IOptions<ReleaseOptions> options, Storage.SchedulerLease lease, TimeProvider time, ILogger<ReleaseScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = options.Value.Schedule;
        if (!schedule.Enabled) return;
        using var timer = new PeriodicTimer(schedule.Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                // Of several servers, the lease's holder alone releases.
                if (lease.IsHeld)
                {
                    await TickAsync(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down between releases.
        }
    }

    /// <summary>One scheduled release; a release that cannot be made (too few persons) is logged by its rule code and retried next time.</summary>
    internal async Task<bool> TickAsync(CancellationToken cancellationToken)
    {
        var policyId = string.IsNullOrEmpty(options.Value.Schedule.PolicyId) ? null : options.Value.Schedule.PolicyId;
        var result = await releases.CreateAsync(Actor.System, new ReleaseRequest(policyId, Reason: options.Value.Schedule.Reason), cancellationToken);
        if (result.Succeeded)
        {
            logger.LogInformation("Scheduled release {ReleaseId} created", result.Value!.ReleaseId);
            return true;
        }

        logger.LogWarning("Scheduled release not created: {Code}", result.Failure!.Code);
        return false;
    }
}
