using Custodian.Common;
using Custodian.Policy;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Custodian.Requests;

/// <summary>What the person sees on the status page: the state and the due date, never personal data.</summary>
public sealed record RequestStatus(
    Guid Id, string Reference, string PolicyId, string Type, Requester Requester, RequestState State, DateTime ReceivedAt,
    DateOnly? DueOn, bool Paused, int ExtendedBusinessDays, string? ExtensionReason, IReadOnlyList<ChecklistLine> MissingDocuments,
    IReadOnlyList<DocumentSummary> Documents, bool LetterAvailable, string Language);

public sealed record DocumentSummary(Guid Id, string Kind, string Holder, string ContentType, long Length, DocumentState State, string? RejectionReason, bool Disposed, bool Opened = false);

/// <summary>What staff see: the status, the clock's history and the reminder days.</summary>
public sealed record RequestDetail(RequestStatus Status, Guid? PersonId, string Channel, int LinkedRequests, string? RefusalGrounds,
    IReadOnlyList<RequestClockEvent> Clock, IReadOnlyList<DateOnly> Reminders, bool FormDisposed, string? VerificationMethod = null);

public sealed record DueRow(Guid Id, string Reference, string Type, RequestState State, DateOnly DueOn, string PolicyId);

/// <summary>The dashboard's figures: open requests whose clock runs, by how close their due date is.</summary>
public sealed record DueFigures(DateOnly Today, int Open, int Running, int Paused, int DueWithinFive, int AtRisk, int Overdue, int RemindersToday, IReadOnlyList<DueRow> Urgent);

internal sealed class RequestQueries(
    IDbContextFactory<CustodianDb> factory, RequestRecords records, RequestCrypto crypto, PolicyStore policies, IOptions<RequestsOptions> options,
    StatusSecretGuard guard, Audit.AuditLog audit)
{

    private static readonly Failure UnknownReference = Failure.NotFound("request.unknown", "No request has this reference and secret.");

    /// <summary>
    /// The person's view, for the reference and secret only; a wrong secret, and a reference locked after
    /// <see cref="StatusSecretGuard.MaxWrongSecrets"/> wrong ones, look like an unknown reference.
    /// </summary>
    public async Task<Result<RequestStatus>> StatusAsync(string reference, string secret, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var normalized = reference.Trim().ToUpperInvariant();
        var request = await db.Set<DataRequest>().AsNoTracking().FirstOrDefaultAsync(r => r.Reference == normalized, cancellationToken);
        if (request is null)
        {
            return UnknownReference;
        }

        // Checked even when locked, so a locked reference answers like any wrong secret, in the same time.
        var matches = crypto.SecretMatches(request, secret.Trim());
        if (await guard.IsLockedAsync(request.Id, cancellationToken))
        {
            return UnknownReference;
        }

        if (!matches)
        {
            if (await guard.WrongAsync(request.Id, cancellationToken))
            {
                var locked = RequestRecords.Entry(Audit.AuditEventType.RequestStatusLocked, Gate.Actor.System, request, "request.status-locked", outcome: Audit.AuditOutcome.Refused);
                await audit.RecordAsync(locked, cancellationToken);
            }

            return UnknownReference;
        }

        await guard.RightAsync(request.Id, cancellationToken);

        return await StatusOfAsync(db, request, cancellationToken);
    }

    public async Task<Result<RequestDetail>> DetailAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var request = await db.Set<DataRequest>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return Failure.NotFound("request.unknown", "No request has this id.");
        }

        var status = await StatusOfAsync(db, request, cancellationToken);
        var clock = (await db.Set<RequestClockEvent>().AsNoTracking().Where(e => e.RequestId == id).ToListAsync(cancellationToken)).OrderBy(e => e.At).ToList();
        var calendar = records.CalendarOf(records.PolicyOf(request));
        var reminders = request.DueOn is { } due ? DeadlineClock.Reminders(due, calendar, options.Value.ReminderBusinessDays) : [];
        return new RequestDetail(status, request.PersonId, request.Channel, request.LinkedRequests, request.RefusalGrounds, clock, reminders, request.FormDisposedAt is not null,
            request.VerificationMethod);
    }

    /// <summary>The latest requests, newest first, for the console's list.</summary>
    public async Task<IReadOnlyList<DueRow>> RecentAsync(int take, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Set<DataRequest>().AsNoTracking().OrderByDescending(r => r.Id).Take(take)
            .Select(r => new DueRow(r.Id, r.Reference, r.Type, r.State, r.DueOn ?? DateOnly.MinValue, r.PolicyId)).ToListAsync(cancellationToken);
    }

    /// <summary>What is due, at risk (due within two business days) and overdue, per policy calendar; the most urgent first.</summary>
    public async Task<Result<DueFigures>> DueAsync(DateOnly? asOf = null, int urgent = 50, CancellationToken cancellationToken = default)
    {
        if (asOf is { } day && !Calendars.SupportedRange.Contains(day))
        {
            return Calendars.SupportedRange.DateOutside("on");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var open = db.Set<DataRequest>().AsNoTracking().Where(r => RequestRecords.Unanswered.Contains(r.State));
        // One row per policy, due date and paused flag: thousands of requests fold into a few hundred groups.
        var groups = await open
            .GroupBy(r => new { r.PolicyId, r.DueOn, Paused = r.PausedSince != null })
            .Select(g => new { g.Key.PolicyId, g.Key.DueOn, g.Key.Paused, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var today = asOf ?? records.Today(policies.Default);
        int total = 0, running = 0, paused = 0, dueSoon = 0, atRisk = 0, overdue = 0, reminders = 0;
        foreach (var byPolicy in groups.GroupBy(g => g.PolicyId))
        {
            var policy = policies.Find(byPolicy.Key) ?? policies.Default;
            var calendar = records.CalendarOf(policy);
            var localToday = asOf ?? records.Today(policy);
            var riskBy = calendar.AddBusinessDays(localToday, 2).Value;
            var soonBy = calendar.AddBusinessDays(localToday, 5).Value;
            var reminderDues = options.Value.ReminderBusinessDays.Select(d => calendar.AddBusinessDays(localToday, d).Value).ToHashSet();
            foreach (var g in byPolicy)
            {
                total += g.Count;
                if (g.Paused)
                {
                    paused += g.Count;
                    continue;
                }

                if (g.DueOn is not { } due)
                {
                    continue;
                }

                running += g.Count;
                overdue += due < localToday ? g.Count : 0;
                atRisk += due >= localToday && due <= riskBy ? g.Count : 0;
                dueSoon += due >= localToday && due <= soonBy ? g.Count : 0;
                reminders += reminderDues.Contains(due) ? g.Count : 0;
            }
        }

        var rows = await open.Where(r => r.DueOn != null && r.PausedSince == null).OrderBy(r => r.DueOn).ThenBy(r => r.Id).Take(urgent)
            .Select(r => new DueRow(r.Id, r.Reference, r.Type, r.State, r.DueOn!.Value, r.PolicyId)).ToListAsync(cancellationToken);
        return new DueFigures(today, total, running, paused, dueSoon, atRisk, overdue, reminders, rows);
    }

    private async Task<RequestStatus> StatusOfAsync(CustodianDb db, DataRequest request, CancellationToken cancellationToken)
    {
        var documents = await db.Set<RequestDocument>().AsNoTracking().Where(d => d.RequestId == request.Id).ToListAsync(cancellationToken);
        return new RequestStatus(request.Id, request.Reference, request.PolicyId, request.Type, request.Requester, request.State, request.ReceivedAt,
            request.DueOn, request.PausedSince is not null, request.ExtendedBusinessDays, request.ExtensionReason,
            request.State == RequestState.AwaitingDocuments
                ? RequestChecklist.Missing(records.PolicyOf(request), request.Requester, documents, d => d.State != DocumentState.Rejected)
                : [],
            documents.OrderBy(d => d.UploadedAt).Select(d => new DocumentSummary(d.Id, d.Kind, d.Holder, d.ContentType, d.Length, d.State, d.RejectionReason, d.Sealed is null, d.OpenedAt is not null)).ToList(),
            request.RespondedAt is not null && request.FormDisposedAt is null, request.Language);
    }
}
