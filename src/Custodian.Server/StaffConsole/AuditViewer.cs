using System.Globalization;
using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.StaffConsole;

/// <summary>The viewer's filters as the query string carries them: a person's id, an actor (as the log names it), an event type's name, a period (ISO dates, both included), and the page's cursor.</summary>
public sealed record AuditFilter(string? Person, string? Actor, string? Type, string? From, string? To, string? After);

/// <summary>A page of events, newest first, and the cursor of the next (null on the last).</summary>
public sealed record AuditPage(IReadOnlyList<AuditEvent> Events, IReadOnlyDictionary<Guid, string> StaffNames, string? Next);

/// <summary>
/// Reads the audit log for those who hold audit.read, and records each reading in the log itself: who looked, with
/// which filters, by id only. The record is written before any event is returned.
/// </summary>
internal sealed class AuditViewer(IDbContextFactory<CustodianDb> factory, AuditLog audit, StaffNames names, TimeProvider time)
{
    public const int PageSize = 50;

    /// <summary>More than a year of a busy office's log would be a backup, not an export.</summary>
    public const int ExportLimit = 100_000;

    public Task<Result<AuditPage>> PageAsync(Actor viewer, AuditFilter filter, CancellationToken cancellationToken) =>
        ReadAsync(viewer, filter, PageSize, AuditEventType.AuditLogViewed, cancellationToken);

    public Task<Result<AuditPage>> ExportAsync(Actor viewer, AuditFilter filter, CancellationToken cancellationToken) =>
        ReadAsync(viewer, filter with { After = null }, ExportLimit, AuditEventType.AuditLogExported, cancellationToken);

    /// <summary>An actor as the log names it, from the viewer's choice ("staff:{id}", "token:{id}", "system").</summary>
    public static bool IsActor(string? text) =>
        text == "system" || (text is not null && StaffNames.Parse(text) is ("staff" or "token" or "person", { }));

    private async Task<Result<AuditPage>> ReadAsync(Actor viewer, AuditFilter filter, int take, AuditEventType record, CancellationToken cancellationToken)
    {
        var (query, failure) = Parse(filter);
        if (failure is not null)
        {
            return failure;
        }

        // The person's id goes in the subject, not the person column: reading an erased person's trail is no use of their data.
        await audit.RecordAsync(new AuditEntry(record, viewer.AuditName, Subject: query!.Person?.ToString(), Items: Describe(query), Reason: null), cancellationToken);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var events = db.Set<AuditEvent>().AsNoTracking();
        events = query.Person is { } person ? events.Where(e => e.PersonId == person) : events;
        events = query.Actor is { } actor ? events.Where(e => e.Actor == actor) : events;
        events = query.Type is { } type ? events.Where(e => e.Type == type) : events;
        events = query.From is { } from ? events.Where(e => e.At >= from) : events;
        events = query.Until is { } until ? events.Where(e => e.At < until) : events;
        events = query.After is { } after ? events.Where(e => e.Seq < after) : events;
        var rows = await events.OrderByDescending(e => e.Seq).Take(take + 1).ToListAsync(cancellationToken);
        var next = rows.Count > take ? rows[take - 1].Seq.ToString(CultureInfo.InvariantCulture) : null;
        rows = rows.Count > take ? rows[..take] : rows;
        var staff = await names.OfAsync(rows.Select(e => StaffNames.Parse(e.Actor)).Where(a => a.Kind is "staff" or "token" && a.Id is not null).Select(a => a.Id!.Value), cancellationToken);
        return new AuditPage(rows, staff, next);
    }

    private sealed record Query(Guid? Person, string? Actor, AuditEventType? Type, DateTime? From, DateTime? Until, long? After);

    private (Query?, Failure?) Parse(AuditFilter filter)
    {
        var errors = new Dictionary<string, string[]>();
        Guid? person = null;
        if (!string.IsNullOrWhiteSpace(filter.Person))
        {
            person = Guid.TryParse(filter.Person.Trim(), out var id) ? id : null;
            Reject(person is null, "person", "person.invalid", errors);
        }

        var actor = string.IsNullOrWhiteSpace(filter.Actor) ? null : filter.Actor.Trim();
        Reject(actor is not null && !IsActor(actor), "actor", "actor.invalid", errors);
        AuditEventType? type = null;
        if (!string.IsNullOrWhiteSpace(filter.Type))
        {
            type = Enum.TryParse<AuditEventType>(filter.Type, ignoreCase: false, out var t) && Enum.IsDefined(t) && !int.TryParse(filter.Type, out _) ? t : null;
            Reject(type is null, "type", "type.unknown", errors);
        }

        var from = Date(filter.From, "from", errors);
        var to = Date(filter.To, "to", errors);
        Reject(from is { } f && to is { } t2 && t2 < f, "to", "range.reversed", errors);
        long? after = null;
        if (!string.IsNullOrWhiteSpace(filter.After))
        {
            after = long.TryParse(filter.After, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ? seq : null;
            Reject(after is null, "after", "cursor.invalid", errors);
        }

        return errors.Count > 0
            ? (null, Failure.Validation(errors))
            : (new Query(person, actor, type, from?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), to?.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), after), null);
    }

    private DateOnly? Date(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var ok = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && date.Year >= 2000 && date <= DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddYears(1);
        Reject(!ok, field, "date.invalid", errors);
        return ok ? date : null;
    }

    private static void Reject(bool broken, string field, string code, Dictionary<string, string[]> errors)
    {
        if (broken)
        {
            errors[field] = [code];
        }
    }

    // Ids and names of the schema only: the filters a reader chose, never a value from the log.
    private static string Describe(Query query) => string.Join(';', new[]
    {
        query.Actor is null ? null : "actor=" + query.Actor,
        query.Type is null ? null : "type=" + query.Type,
        query.From is null ? null : "from=" + query.From.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        query.Until is null ? null : "until=" + query.Until.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    }.Where(p => p is not null));
}
