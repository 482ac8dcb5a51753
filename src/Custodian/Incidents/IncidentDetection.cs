using Custodian.Audit;
using Custodian.Calendars;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Staff;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Custodian.Incidents;

/// <summary>What a detection hook found: the kind, the staff account concerned (none for failed sign-ins over all accounts), the window and a count.</summary>
public sealed record DetectionFinding(string Kind, Guid? StaffId, DateTimeOffset From, DateTimeOffset To, int Count);

/// <summary>
/// Detection hooks: the access review's bulk-read and out-of-hours findings, repeated gate refusals and failed sign-ins
/// open a suspected incident for review, by a person's button on the finding or, behind options off by default, by
/// themselves once a day. One finding opens one incident: the finding's key is kept in <see cref="Incident.DetectedBy"/>.
/// </summary>
internal sealed class IncidentDetection(
    IDbContextFactory<CustodianDb> factory, IncidentRegister register, IOptions<IncidentsOptions> options,
    IOptions<AccessReviewOptions> review, BusinessCalendars calendars, TimeProvider time)
{
    public const string BulkRead = "bulk-read";
    public const string OutOfHours = "out-of-hours";
    public const string GateRefusals = "gate-refusals";
    public const string FailedSignIns = "failed-sign-ins";

    public static IReadOnlyList<string> Kinds { get; } = [BulkRead, OutOfHours, GateRefusals, FailedSignIns];

    /// <summary>Opens a suspected incident for the finding, or returns the one it already opened.</summary>
    public async Task<Result<IncidentView>> OpenAsync(Actor actor, DetectionFinding finding, CancellationToken cancellationToken = default) =>
        (await OpenOrFindAsync(actor, finding, cancellationToken)).Result;

    /// <summary>As <see cref="OpenAsync"/>, telling whether the incident was opened now, so a scan counts only new ones.</summary>
    private async Task<(Result<IncidentView> Result, bool Opened)> OpenOrFindAsync(Actor actor, DetectionFinding finding, CancellationToken cancellationToken)
    {
        if (!Kinds.Contains(finding.Kind, StringComparer.Ordinal))
        {
            return (Failure.Invalid("kind", "incident.detection-kind", $"The finding is one of: {string.Join(", ", Kinds)}."), false);
        }

        if (finding.To < finding.From)
        {
            return (Failure.Invalid("to", "incident.window", "The window's end is before its start."), false);
        }

        var key = Key(finding);
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Set<Incident>().Where(i => i.DetectedBy == key).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(cancellationToken) is { } opened)
            {
                return (await register.GetAsync(opened, cancellationToken), false);
            }
        }

        // Insiders' reads suggest a wrongful purpose; refusals and failed sign-ins an intrusion. The office corrects either.
        var cause = finding.Kind is BulkRead or OutOfHours ? "wrongful-purpose" : "unauthorized-access";
        var input = new IncidentInput(
            LearnedAt: time.GetUtcNow(),
            LearnedHow: $"Detection: {finding.Kind}",
            LearnedBy: actor.Kind == ActorKind.Staff ? actor.Id : Guid.Empty,
            Summary: $"Suspected from a detection finding: {finding.Kind}, {finding.Count} events between {finding.From:u} and {finding.To:u}; to be reviewed.",
            Cause: cause);
        return (await register.RegisterAsync(actor, input, key, cancellationToken), true);
    }

    /// <summary>The automatic rules for the day before <paramref name="today"/>, as the options enable them; returns what it opened.</summary>
    public async Task<int> ScanAsync(DateOnly today, CancellationToken cancellationToken = default)
    {
        var rules = options.Value.Detection;
        if (!rules.OpenFromAccessReview && !rules.OpenFromGateRefusals && !rules.OpenFromFailedSignIns)
        {
            return 0;
        }

        var findings = await FindAsync(today.AddDays(-1), rules, cancellationToken);
        var opened = 0;
        foreach (var finding in findings)
        {
            if (await OpenOrFindAsync(Actor.System, finding, cancellationToken) is { Opened: true, Result.Succeeded: true })
            {
                opened++;
            }
        }

        return opened;
    }

    private async Task<List<DetectionFinding>> FindAsync(DateOnly day, DetectionOptions rules, CancellationToken cancellationToken)
    {
        var settings = review.Value;
        var calendar = calendars.Get(settings.Calendar).Value!;
        var zone = AccessReviews.Zone(settings, calendar);
        var from = TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), zone);
        var to = from.AddDays(1);
        var scan = new AccessReviewScan(settings, calendar, zone, scope: null);
        var refusals = new Dictionary<Guid, int>();
        var failed = 0;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var events = AccessReviews.ReviewEvents(db, from, to);
        await foreach (var e in events.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            scan.Add(e);
            if (e.Type == AuditEventType.StaffSignInFailed)
            {
                failed++;
            }
            else if (e.Outcome == AuditOutcome.Refused && Guid.TryParse(e.Actor.AsSpan("staff:".Length), out var staff))
            {
                refusals[staff] = refusals.GetValueOrDefault(staff) + 1;
            }
        }

        var (lines, bulk, _, _, _) = scan.Finish(new Dictionary<Guid, string>());
        var (start, end) = (new DateTimeOffset(from, TimeSpan.Zero), new DateTimeOffset(to, TimeSpan.Zero));
        var findings = new List<DetectionFinding>();
        if (rules.OpenFromAccessReview)
        {
            findings.AddRange(bulk.Select(b => new DetectionFinding(BulkRead, b.StaffId, b.From, b.To, b.Persons)));
            findings.AddRange(lines.Where(l => l.OutsideHours > 0).Select(l => new DetectionFinding(OutOfHours, l.StaffId, start, end, l.OutsideHours)));
        }

        if (rules.OpenFromGateRefusals)
        {
            findings.AddRange(refusals.Where(r => r.Value >= rules.RefusalThreshold).Select(r => new DetectionFinding(GateRefusals, r.Key, start, end, r.Value)));
        }

        if (rules.OpenFromFailedSignIns && failed >= rules.FailedSignInThreshold)
        {
            findings.Add(new DetectionFinding(FailedSignIns, null, start, end, failed));
        }

        return findings;
    }

    private static string Key(DetectionFinding f) =>
        $"{f.Kind}:{f.StaffId?.ToString() ?? "all"}:{f.From.UtcDateTime:yyyyMMddTHHmm}";
}

/// <summary>Runs the automatic detection rules once an hour; each day's findings are opened once (see the finding's key).</summary>
internal sealed class DetectionSchedule(
    IncidentDetection detection, IOptions<IncidentsOptions> options, Storage.SchedulerLease lease, TimeProvider time, ILogger<DetectionSchedule> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var rules = options.Value.Detection;
        if (!rules.OpenFromAccessReview && !rules.OpenFromGateRefusals && !rules.OpenFromFailedSignIns)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        try
        {
            do
            {
                // Of several servers, the lease's holder alone scans.
                if (lease.IsHeld)
                {
                    await TickAsync(stoppingToken);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; the next start scans the day again and opens only what is not open yet.
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            var opened = await detection.ScanAsync(ReportDeadlines.LearnedOn(time.GetUtcNow().UtcDateTime), cancellationToken);
            if (opened > 0)
            {
                logger.LogWarning("Detection opened {Count} suspected incidents", opened);
            }
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or DbUpdateException or InvalidOperationException)
        {
            logger.LogWarning("Detection scan failed: {ExceptionType}", ex.GetType().Name);
        }
    }
}
