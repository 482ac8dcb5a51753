using System.Globalization;
using Custodian.Audit;
using Custodian.Calendars;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Custodian.Staff;

/// <summary>
/// The regular check of system usage by access logs (policy: "regularly checked the system usage status using access
/// logs"). One computation serves the console, the API and the command line; the department's information manager
/// signs each period off.
/// </summary>
internal sealed class AccessReviews(
    IDbContextFactory<CustodianDb> factory, AuditLog audit, BusinessCalendars calendars, IOptionsMonitor<AccessReviewOptions> options, TimeProvider time,
    ReportingDatabase reporting, UseReasons reasons)
{
    public static readonly Failure NotAllowed = Failure.Refused(
        "staff.review-refused", "Access reviews are for administrators, the responsible manager and the department's information manager.");

    public static readonly Failure NotTheManager = Failure.Refused(
        "staff.review-sign-off-refused", "Only the department's information manager signs its access review off.");

    /// <summary>The review of <paramref name="from"/>..<paramref name="to"/> (YYYY-MM-DD) for a department named or id'd, or all.</summary>
    public async Task<Result<AccessReview>> ComputeAsync(Actor actor, string? from, string? to, string? department, CancellationToken cancellationToken = default)
    {
        var settings = options.CurrentValue;
        // Refused before the input is looked at, so a caller who may not review learns nothing from the answer.
        if (!await IsReviewerAsync(actor, cancellationToken))
        {
            return NotAllowed;
        }

        // The period's events are the heavy read: from the standby when there is one that can answer.
        await using var db = await reporting.CreateDbContextAsync(cancellationToken);
        var period = await PeriodAsync(db, from, to, department, settings, cancellationToken);
        if (period.Failure is { } invalid)
        {
            return invalid;
        }

        var (start, end, departmentId) = period.Value;
        if (!await MayReviewAsync(db, actor, departmentId, cancellationToken))
        {
            return NotAllowed;
        }

        var calendar = calendars.Get(settings.Calendar).Value!;
        var zone = Zone(settings, calendar);
        var names = await db.Set<StaffAccount>().AsNoTracking().Select(a => new { a.Id, a.UserName, a.DepartmentId }).ToListAsync(cancellationToken);
        var scope = departmentId is { } d ? names.Where(a => a.DepartmentId == d).Select(a => a.Id).ToHashSet() : null;
        var scan = new AccessReviewScan(settings, calendar, zone, scope);
        var (fromUtc, toUtc) = (StartOf(start, zone), StartOf(end.AddDays(1), zone));
        var events = ReviewEvents(db, fromUtc, toUtc);
        await foreach (var e in events.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            scan.Add(e);
        }

        var signOff = departmentId is null ? null : await db.Set<AccessReviewSignOff>().AsNoTracking()
            .FirstOrDefaultAsync(s => s.DepartmentId == departmentId && s.PeriodFrom == start && s.PeriodTo == end, cancellationToken);
        var userNames = names.ToDictionary(a => a.Id, a => a.UserName);
        var (staff, bulk, outside, denied, widely) = scan.Finish(userNames);
        return new AccessReview(start, end, departmentId, zone.Id, staff, bulk, outside, denied, widely, signOff?.View())
        {
            CatchAllUses = await CatchAllUsesAsync(db, scan, userNames, cancellationToken),
        };
    }

    // The reasons are opened for the reviewer only: the audit event names them by id.
    private async Task<CatchAllUseList> CatchAllUsesAsync(CustodianDb db, AccessReviewScan scan, Dictionary<Guid, string> names, CancellationToken cancellationToken)
    {
        var (total, rows) = scan.CatchAllUses();
        var texts = await reasons.TextsAsync(db, rows.Select(r => r.Reason).ToList(), cancellationToken);
        return new CatchAllUseList(total, rows.Select(r => new CatchAllUse(
            r.Event.Seq, new DateTimeOffset(DateTime.SpecifyKind(r.Event.At, DateTimeKind.Utc)), r.Event.Actor, r.Staff,
            r.Staff is { } s ? names.GetValueOrDefault(s) : null, r.Event.PersonId, r.Event.Purpose, r.Reason, texts.GetValueOrDefault(r.Reason))).ToList());
    }

    /// <summary>The department's information manager confirms the period's review; once per department and period.</summary>
    public async Task<Result<AccessReviewSignOffView>> SignOffAsync(Actor actor, string? from, string? to, string? department, CancellationToken cancellationToken = default)
    {
        var settings = options.CurrentValue;
        if (!await IsReviewerAsync(actor, cancellationToken))
        {
            return NotTheManager;
        }

        if (string.IsNullOrWhiteSpace(department))
        {
            return Failure.Invalid("department", "required", "A review is signed off for one department.");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var period = await PeriodAsync(db, from, to, department, settings, cancellationToken);
        if (period.Failure is { } invalid)
        {
            return invalid;
        }

        var (start, end, departmentId) = period.Value;
        var manager = await db.Set<StaffDepartment>().Where(x => x.Id == departmentId).Select(x => x.ManagerId).FirstAsync(cancellationToken);
        if (actor.Kind != ActorKind.Staff || manager != actor.Id)
        {
            return NotTheManager;
        }

        var zone = Zone(settings, calendars.Get(settings.Calendar).Value!);
        var now = time.GetUtcNow();
        if (end >= DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime))
        {
            return Failure.Invalid("to", "access-review.period-open", "A period is signed off once it has ended: to is before today.");
        }

        if (await db.Set<AccessReviewSignOff>().AnyAsync(s => s.DepartmentId == departmentId && s.PeriodFrom == start && s.PeriodTo == end, cancellationToken))
        {
            return Failure.Conflict("access-review.signed-off", "This department's review of this period is signed off already.");
        }

        var signOff = new AccessReviewSignOff
        {
            Id = Guid.CreateVersion7(now), DepartmentId = departmentId!.Value, PeriodFrom = start, PeriodTo = end, SignedBy = actor.Id, SignedAt = now.UtcDateTime,
        };
        db.Add(signOff);
        await audit.CommitAsync(db, [new AuditEntry(AuditEventType.AccessReviewSignedOff, actor.AuditName, Subject: signOff.Id.ToString())], cancellationToken);
        return signOff.View();
    }

    /// <summary>Departments whose review is overdue, as far as <paramref name="actor"/> answers for them (none for other staff).</summary>
    public async Task<IReadOnlyList<OverdueReview>> OverdueAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        var settings = options.CurrentValue;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var all = await MayReviewAsync(db, actor, null, cancellationToken);
        var departments = await db.Set<StaffDepartment>().AsNoTracking()
            .Where(d => all || d.ManagerId == actor.Id)
            .Select(d => new { d.Id, d.Name, d.ManagerId, d.CreatedAt, Through = db.Set<AccessReviewSignOff>().Where(s => s.DepartmentId == d.Id).Max(s => (DateOnly?)s.PeriodTo) })
            .ToListAsync(cancellationToken);
        var zone = Zone(settings, calendars.Get(settings.Calendar).Value!);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
        return departments
            .Select(d => (d, Due: (d.Through ?? DateOnly.FromDateTime(d.CreatedAt)).AddDays(settings.CadenceDays)))
            .Where(x => today.DayNumber - x.Due.DayNumber > settings.GraceDays)
            .OrderBy(x => x.Due).ThenBy(x => x.d.Name, StringComparer.Ordinal)
            .Select(x => new OverdueReview(x.d.Id, x.d.Name, x.d.ManagerId, x.d.Through, x.Due, today.DayNumber - x.Due.DayNumber))
            .ToList();
    }

    /// <summary>Whether <paramref name="actor"/> reviews anything: an administrator, the responsible manager or an information manager.</summary>
    public async Task<bool> IsReviewerAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await MayReviewAsync(db, actor, null, cancellationToken)
            || (actor.Kind == ActorKind.Staff && await db.Set<StaffDepartment>().AnyAsync(d => d.ManagerId == actor.Id, cancellationToken));
    }

    private static async Task<bool> MayReviewAsync(CustodianDb db, Actor actor, Guid? departmentId, CancellationToken cancellationToken)
    {
        if (actor.Kind == ActorKind.System || (actor.Kind == ActorKind.Staff && actor.Role == StaffRoles.Administrator))
        {
            return true;
        }

        return actor.Kind == ActorKind.Staff && (
            await db.Set<StaffOrganisation>().AnyAsync(o => o.ResponsibleManagerId == actor.Id, cancellationToken)
            || (departmentId is { } d && await db.Set<StaffDepartment>().AnyAsync(x => x.Id == d && x.ManagerId == actor.Id, cancellationToken)));
    }

    private static async Task<Result<(DateOnly From, DateOnly To, Guid? Department)>> PeriodAsync(
        CustodianDb db, string? from, string? to, string? department, AccessReviewOptions settings, CancellationToken cancellationToken)
    {
        if (Date(from, "from") is { Failure: { } badFrom })
        {
            return badFrom;
        }

        if (Date(to, "to") is { Failure: { } badTo })
        {
            return badTo;
        }

        var (start, end) = (Date(from, "from").Value, Date(to, "to").Value);
        if (start > end)
        {
            return Failure.Invalid("from", "access-review.period-order", "from is on or before to.");
        }

        if (end.DayNumber - start.DayNumber >= settings.MaxPeriodDays)
        {
            return Failure.Invalid("to", "access-review.period-long", $"A review covers at most {settings.MaxPeriodDays} days.");
        }

        if (string.IsNullOrWhiteSpace(department))
        {
            return (start, end, (Guid?)null);
        }

        var name = department.Trim();
        var id = Guid.TryParse(name, out var g) ? g : (Guid?)null;
        var found = await db.Set<StaffDepartment>().AsNoTracking().Where(d => d.Id == id || d.Name == name).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(cancellationToken);
        return found is null
            ? Failure.Invalid("department", "staff.department-unknown", "No department has this name or id.")
            : (start, end, found);
    }

    private static Result<DateOnly> Date(string? text, string field) => Days.ParseOptional(text, field) switch
    {
        { Failure: { } failure } => failure,
        { Value: { } day } => day,
        _ => Failure.Invalid(field, "required", $"{field} is required, as YYYY-MM-DD."),
    };

    /// <summary>The events a review reads in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>): staff members' and failed sign-ins, in chain order.</summary>
    internal static IQueryable<ReviewEvent> ReviewEvents(CustodianDb db, DateTime fromUtc, DateTime toUtc) =>
        db.Set<AuditEvent>().AsNoTracking()
            .Where(e => e.At >= fromUtc && e.At < toUtc && (e.Actor.StartsWith("staff:") || (e.Actor == "system" && e.Type == AuditEventType.StaffSignInFailed)
                || (e.Subject != null && e.Subject.StartsWith(UseReasons.SubjectPrefix))))
            .OrderBy(e => e.Seq)
            .Select(e => new ReviewEvent(e.Seq, e.At, e.Type, e.Outcome, e.Actor, e.PersonId, e.Reason, e.Subject, e.Purpose));

    internal static TimeZoneInfo Zone(AccessReviewOptions settings, BusinessCalendar calendar) =>
        string.IsNullOrWhiteSpace(settings.TimeZone) ? calendar.TimeZone : TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZone);

    // A local midnight skipped by a clock change starts an hour later.
    private static DateTime StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return TimeZoneInfo.ConvertTimeToUtc(zone.IsInvalidTime(local) ? local.AddHours(1) : local, zone);
    }
}
