using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Custodian.Audit;

public static class AuditModule
{
    public static IServiceCollection AddAudit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<AuditCheckpoints>();
        services.AddSingleton<AuditAnchor>();
        services.AddSingleton<AuditVerifier>();
        services.AddSingleton<AuditPruning>();
        services.AddHostedService<AuditCheckpointService>();
        return services;
    }
}

public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>How often the chain's head is signed; a truncated tail is caught back to the last checkpoint.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>Signs the head periodically and once more at shutdown.</summary>
internal sealed class AuditCheckpointService(AuditCheckpoints checkpoints, IOptions<AuditOptions> options, Storage.SchedulerLease lease, TimeProvider time, ILogger<AuditCheckpointService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckpointInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                // Of several servers, the lease's holder alone signs: two signing the same head would collide.
                if (lease.IsHeld)
                {
                    await WriteAsync(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            if (lease.IsHeld)
            {
                await WriteAsync(CancellationToken.None);
            }
        }
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        try
        {
            var checkpoint = await checkpoints.WriteAsync(cancellationToken);
            if (checkpoint is not null)
            {
                logger.LogInformation("Audit checkpoint signed at event {Seq}", checkpoint.Seq);
            }
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or Microsoft.EntityFrameworkCore.DbUpdateException or InvalidOperationException or IOException)
        {
            logger.LogWarning("Audit checkpoint could not be written: {ExceptionType}", ex.GetType().Name);
        }
    }
}
