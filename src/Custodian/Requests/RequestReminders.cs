using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Policy;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Custodian.Requests;

/// <summary>A reminder as the privacy office sees it: which request, when it is due, how close that is.</summary>
public sealed record ReminderRow(Guid RequestId, string Reference, string Type, DateOnly DueOn, int BusinessDaysBefore, DateOnly FallsOn, DateTime SentAt);

/// <summary>
/// Sends the reminders that fall 5, 2 and 1 business days (Requests:ReminderBusinessDays) before a response is due.
/// A day with no run is caught up on the next run, with only the nearest reminder: three at once would say less.
/// </summary>
internal sealed partial class RequestReminders(
    IDbContextFactory<CustodianDb> factory, RequestRecords records, PolicyStore policies, AuditLog audit,
    IOptions<RequestsOptions> options, ILogger<RequestReminders> logger, IRequestNotices? notices = null)
{
    /// <summary>Sends what has fallen due by <paramref name="asOf"/> (default: today in each policy's calendar) and not been sent.</summary>
    public async Task<Result<IReadOnlyList<ReminderRow>>> SendAsync(DateOnly? asOf = null, CancellationToken cancellationToken = default)
    {
        if (asOf is { } day && !Calendars.SupportedRange.Contains(day))
        {
            return Calendars.SupportedRange.DateOutside("on");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var running = await db.Set<DataRequest>().AsNoTracking()
            .Where(r => RequestRecords.Unanswered.Contains(r.State) && r.DueOn != null && r.PausedSince == null)
            .Select(r => new { r.Id, r.Reference, r.Type, r.PolicyId, r.PersonId, DueOn = r.DueOn!.Value })
            .ToListAsync(cancellationToken);
        var earliest = running.Count == 0 ? DateOnly.MaxValue : running.Min(r => r.DueOn);
        var sent = (await db.Set<RequestReminder>().AsNoTracking().Where(s => s.DueOn >= earliest)
            .Select(s => new { s.RequestId, s.DueOn, s.BusinessDaysBefore }).ToListAsync(cancellationToken))
            .Select(s => (s.RequestId, s.DueOn, s.BusinessDaysBefore)).ToHashSet();

        var now = records.Now;
        var rows = new List<ReminderRow>();
        var entries = new List<AuditEntry>();
        foreach (var byPolicy in running.GroupBy(r => r.PolicyId))
        {
            var calendar = records.CalendarOf(policies.Find(byPolicy.Key) ?? policies.Default);
            var today = asOf ?? calendar.LocalDate(new DateTimeOffset(now, TimeSpan.Zero));
            foreach (var r in byPolicy.Where(r => r.DueOn >= today))
            {
                if (Nearest(r.DueOn, today, calendar) is not { } due || sent.Contains((r.Id, r.DueOn, due.Days)))
                {
                    continue;
                }

                db.Add(new RequestReminder
                {
                    Id = Guid.CreateVersion7(), RequestId = r.Id, DueOn = r.DueOn, BusinessDaysBefore = due.Days, FallsOn = due.On, SentAt = now,
                });
                entries.Add(new AuditEntry(AuditEventType.RequestReminderSent, Actor.System.AuditName, AuditOutcome.Allowed, r.PersonId, r.Type,
                    Reason: $"{due.Days}-business-days-before-{r.DueOn:yyyy-MM-dd}", Subject: r.Id.ToString()));
                var row = new ReminderRow(r.Id, r.Reference, r.Type, r.DueOn, due.Days, due.On, now);
                rows.Add(row);
                // Mailed to the privacy office in the same transaction: a reminder recorded as sent is also queued.
                notices?.Reminder(db, row, byPolicy.Key);
            }
        }

        if (rows.Count == 0)
        {
            return rows;
        }

        try
        {
            await audit.CommitAsync(db, entries, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another process sent them meanwhile; they are sent once, by it.
            return Array.Empty<ReminderRow>();
        }

        foreach (var row in rows)
        {
            LogReminder(row.RequestId, row.DueOn, row.BusinessDaysBefore);
        }

        return rows;
    }

    /// <summary>Reminders sent on or after <paramref name="since"/> for requests still unanswered, the nearest due date first.</summary>
    public async Task<IReadOnlyList<ReminderRow>> OpenAsync(DateTime since, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<RequestReminder>().AsNoTracking().Where(s => s.SentAt >= since)
            .Join(db.Set<DataRequest>().Where(r => RequestRecords.Unanswered.Contains(r.State)), s => s.RequestId, r => r.Id,
                (s, r) => new { r.Id, r.Reference, r.Type, s.DueOn, s.BusinessDaysBefore, s.FallsOn, s.SentAt })
            .OrderBy(x => x.DueOn).ThenBy(x => x.Id).Take(200).ToListAsync(cancellationToken);
        return rows.ConvertAll(x => new ReminderRow(x.Id, x.Reference, x.Type, x.DueOn, x.BusinessDaysBefore, x.FallsOn, x.SentAt));
    }

    private (int Days, DateOnly On)? Nearest(DateOnly due, DateOnly today, Calendars.BusinessCalendar calendar)
    {
        (int Days, DateOnly On)? nearest = null;
        foreach (var days in options.Value.ReminderBusinessDays)
        {
            var on = calendar.AddBusinessDays(due, -days);
            if (on.Succeeded && on.Value <= today && (nearest is null || days < nearest.Value.Days))
            {
                nearest = (days, on.Value);
            }
        }

        return nearest;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder sent for request {RequestId}: due {DueOn}, {BusinessDays} business days left")]
    private partial void LogReminder(Guid requestId, DateOnly dueOn, int businessDays);
}
