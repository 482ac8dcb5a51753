using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Incidents.Affected;

/// <summary>One person whose data the actor used in the window: the items, when first and last, and how many events.</summary>
internal sealed record AffectedPerson(Guid PersonId, IReadOnlyList<string> Items, DateTime FirstAt, DateTime LastAt, int Events);

/// <summary>The persons an actor's uses in a window reached, ordered by id; <see cref="Items"/> is every item any of them exposed.</summary>
internal sealed record AffectedList(string Actor, DateTime From, DateTime To, IReadOnlyList<AffectedPerson> Persons)
{
    public IReadOnlyList<string> Items => Persons.SelectMany(p => p.Items).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}

/// <summary>
/// Who is affected, from the audit chain: every person whose data the actor used (<see cref="UsesOfData"/>) within
/// [from, to). Each of the actor's audit names is read through the (Actor, At) index, one range each, so the cost is
/// that of the actor's own events in the window, not of the chain. Listing is itself audited (names the actor, not the persons).
/// </summary>
internal sealed class AffectedPersons(ReportingDatabase reporting, AuditLog audit)
{
    public async Task<Result<AffectedList>> FindAsync(Actor caller, string? actor, string? from, string? to, CancellationToken cancellationToken = default)
    {
        var window = AffectedWindow.Parse(from, to);
        if (window.Failure is { } badWindow)
        {
            return badWindow;
        }

        await using var db = await reporting.CreateDbContextAsync(cancellationToken);
        var resolved = await AffectedActor.ResolveAsync(db, actor, cancellationToken);
        if (resolved.Failure is { } badActor)
        {
            return badActor;
        }

        var persons = new Dictionary<Guid, Accumulator>();
        var (start, end) = (window.Value.From, window.Value.To);
        foreach (var name in resolved.Value!.AuditNames)
        {
            // The (Actor, At) index bounds the scan; outcome, type and person are checked on the rows it yields.
            var events = db.Set<AuditEvent>().AsNoTracking()
                .Where(e => e.Actor == name && e.At >= start && e.At < end && e.Outcome == AuditOutcome.Allowed && e.PersonId != null && UsesOfData.Types.Contains(e.Type))
                .Select(e => new { e.PersonId, e.Items, e.At })
                .AsAsyncEnumerable();
            await foreach (var e in events.WithCancellation(cancellationToken))
            {
                (persons.TryGetValue(e.PersonId!.Value, out var a) ? a : persons[e.PersonId.Value] = new Accumulator()).Add(e.Items, e.At);
            }
        }

        var list = new AffectedList(resolved.Value.Id, start, end, persons.OrderBy(p => p.Key).Select(p => p.Value.ToPerson(p.Key)).ToList());
        await audit.RecordAsync(new AuditEntry(AuditEventType.IncidentAffectedListed, caller.AuditName, Reason: $"persons:{list.Persons.Count}", Subject: list.Actor), cancellationToken);
        return list;
    }

    private sealed class Accumulator
    {
        private readonly SortedSet<string> _items = new(StringComparer.Ordinal);
        private DateTime _first = DateTime.MaxValue;
        private DateTime _last = DateTime.MinValue;
        private int _events;

        public void Add(string? items, DateTime at)
        {
            foreach (var item in (items ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                _items.Add(item);
            }

            _first = at < _first ? at : _first;
            _last = at > _last ? at : _last;
            _events++;
        }

        public AffectedPerson ToPerson(Guid id) =>
            new(id, [.. _items], DateTime.SpecifyKind(_first, DateTimeKind.Utc), DateTime.SpecifyKind(_last, DateTimeKind.Utc), _events);
    }
}
