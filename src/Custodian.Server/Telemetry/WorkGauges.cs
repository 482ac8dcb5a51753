using System.Diagnostics.Metrics;
using Custodian.Mail;
using Custodian.Requests;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Custodian.Server.Telemetry;

/// <summary>
/// Gauges of work waiting: messages in the outbox, and the persons' requests whose deadline is at risk or passed. Counted
/// every <see cref="TelemetryOptions.SampleInterval"/> rather than on each scrape, so a scraper sets no database load.
/// </summary>
internal sealed class WorkGauges : BackgroundService
{
    private readonly IDbContextFactory<CustodianDb> _factory;
    private readonly RequestQueries _requests;
    private readonly IOptions<TelemetryOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<WorkGauges> _logger;
    private long _outbox;
    private long _atRisk;
    private long _overdue;

    public WorkGauges(IDbContextFactory<CustodianDb> factory, RequestQueries requests, IOptions<TelemetryOptions> options, TimeProvider time,
        IMeterFactory meters, ILogger<WorkGauges> logger)
    {
        (_factory, _requests, _options, _time, _logger) = (factory, requests, options, time, logger);
        var meter = meters.Create(Custodian.Telemetry.CustodianTelemetry.Name);
        meter.CreateObservableGauge("custodian.mail.outbox.depth", () => Volatile.Read(ref _outbox), "{message}", "Messages queued in the outbox, not yet sent.");
        meter.CreateObservableGauge("custodian.requests.deadlines", () => new[]
        {
            new Measurement<long>(Volatile.Read(ref _atRisk), new KeyValuePair<string, object?>("state", "at-risk")),
            new Measurement<long>(Volatile.Read(ref _overdue), new KeyValuePair<string, object?>("state", "overdue")),
        }, "{request}", "Open requests due within two business days (at-risk) or past due (overdue).");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.Value.SampleInterval, _time);
        do
        {
            await SampleAsync(stoppingToken);
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    internal async Task SampleAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await _factory.CreateDbContextAsync(cancellationToken);
            Volatile.Write(ref _outbox, await db.Set<MailOutboxEntry>().LongCountAsync(m => m.State == MailState.Queued, cancellationToken));
            if ((await _requests.DueAsync(urgent: 0, cancellationToken: cancellationToken)).Value is { } due)
            {
                Volatile.Write(ref _atRisk, due.AtRisk);
                Volatile.Write(ref _overdue, due.Overdue);
            }
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            _logger.LogWarning("Telemetry gauges not counted this time: {ExceptionType}", ex.GetType().Name);
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
