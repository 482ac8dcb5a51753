using Custodian.Audit;
using Custodian.Calendars;

namespace Custodian.Staff;

/// <summary>One audit event as the review reads it: ids and times, nothing else.</summary>
internal readonly record struct ReviewEvent(
    long Seq, DateTime At, AuditEventType Type, AuditOutcome Outcome, string Actor, Guid? PersonId, string? Reason, string? Subject, string? Purpose = null);

/// <summary>
/// One pass over a period's audit events, in sequence order, keeping only counters and a bounded window per staff
/// member, so a year of events is reviewed without holding it in memory.
/// </summary>
internal sealed class AccessReviewScan(AccessReviewOptions options, BusinessCalendar calendar, TimeZoneInfo zone, IReadOnlySet<Guid>? scope)
{
    private const string StaffPrefix = "staff:";
    private readonly TimeSpan _window = TimeSpan.FromMinutes(options.BulkWindowMinutes);
    private readonly Dictionary<Guid, Member> _members = [];
    private readonly Dictionary<Guid, HashSet<Guid>> _viewers = [];
    private readonly List<(Guid Staff, DateTime From, DateTime To, int Persons)> _bulk = [];
    private readonly List<(ReviewEvent Event, Guid Staff)> _outside = [];
    private readonly List<(ReviewEvent Event, Guid Staff)> _denied = [];
    private readonly List<(ReviewEvent Event, Guid? Staff, Guid Reason)> _catchAll = [];
    private int _outsideTotal;
    private int _deniedTotal;
    private int _catchAllTotal;

    public void Add(in ReviewEvent e)
    {
        var staffOf = StaffOf(e);
        if (scope is not null && (staffOf is null || !scope.Contains(staffOf.Value)))
        {
            return;
        }

        // Every use of a catch-all purpose is listed with its reason, whoever made it (staff, a service, the system).
        if (e.Outcome == AuditOutcome.Allowed && Gate.UseReasons.IdOf(e.Subject) is { } reason)
        {
            _catchAllTotal++;
            if (_catchAll.Count < options.MaxRows)
            {
                _catchAll.Add((e, staffOf, reason));
            }
        }

        if (staffOf is not { } staff)
        {
            return;
        }

        var member = MemberOf(staff);
        if (e.Outcome == AuditOutcome.Refused)
        {
            member.Denied++;
            _deniedTotal++;
            Keep(_denied, e, staff);
        }
        else if (e.PersonId is { } person)
        {
            member.Reads++;
            member.Persons.Add(person);
            (_viewers.TryGetValue(person, out var viewers) ? viewers : _viewers[person] = []).Add(staff);
            Slide(staff, member, e.At, person);
            if (IsOutsideHours(e.At))
            {
                member.OutsideHours++;
                _outsideTotal++;
                Keep(_outside, e, staff);
            }
        }
    }

    public bool IsOutsideHours(DateTime utc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        var time = TimeOnly.FromDateTime(local);
        return time < options.WorkdayStart || time >= options.WorkdayEnd
            || calendar.IsBusinessDay(DateOnly.FromDateTime(local)) is { Succeeded: true, Value: false };
    }

    public (List<StaffAccessLine> Staff, List<BulkRead> Bulk, AccessEventList Outside, AccessEventList Denied, List<WidelyViewedPerson> Widely) Finish(
        IReadOnlyDictionary<Guid, string> names)
    {
        foreach (var (staff, member) in _members)
        {
            Close(staff, member);
        }

        string? Name(Guid id) => names.GetValueOrDefault(id);
        AccessEventRow Row((ReviewEvent E, Guid Staff) r) =>
            new(r.E.Seq, Utc(r.E.At), r.Staff, Name(r.Staff), r.E.PersonId, r.E.Type.ToString(), r.E.Reason);

        var staffLines = _members.OrderByDescending(m => m.Value.Reads).ThenBy(m => m.Key)
            .Select(m => new StaffAccessLine(m.Key, Name(m.Key), m.Value.Reads, m.Value.Persons.Count, m.Value.OutsideHours, m.Value.Denied)).ToList();
        var bulk = _bulk.OrderBy(b => b.From).Take(options.MaxRows)
            .Select(b => new BulkRead(b.Staff, Name(b.Staff), Utc(b.From), Utc(b.To), b.Persons)).ToList();
        var widely = _viewers.Where(v => v.Value.Count >= options.WidelyViewedStaff)
            .OrderByDescending(v => v.Value.Count).ThenBy(v => v.Key).Take(options.MaxRows)
            .Select(v => new WidelyViewedPerson(v.Key, v.Value.Count)).ToList();
        return (staffLines, bulk,
            new AccessEventList(_outsideTotal, _outside.OrderBy(r => r.Event.Seq).Select(Row).ToList()),
            new AccessEventList(_deniedTotal, _denied.OrderBy(r => r.Event.Seq).Take(options.MaxRows).Select(Row).ToList()),
            widely);
    }

    /// <summary>The catch-all uses seen, oldest first, with the reason ids to look the texts up by.</summary>
    public (int Total, List<(ReviewEvent Event, Guid? Staff, Guid Reason)> Rows) CatchAllUses() => (_catchAllTotal, _catchAll);

    // A failed sign-in is written by the system before anyone is signed in; it names the account as its subject.
    private static Guid? StaffOf(in ReviewEvent e) =>
        e.Actor.StartsWith(StaffPrefix, StringComparison.Ordinal) && Guid.TryParse(e.Actor.AsSpan(StaffPrefix.Length), out var id) ? id
        : e.Type == AuditEventType.StaffSignInFailed && Guid.TryParse(e.Subject, out var subject) ? subject
        : null;

    private void Keep(List<(ReviewEvent, Guid)> rows, in ReviewEvent e, Guid staff)
    {
        if (rows.Count < options.MaxRows)
        {
            rows.Add((e, staff));
        }
    }

    private Member MemberOf(Guid staff) => _members.TryGetValue(staff, out var m) ? m : _members[staff] = new Member();

    /// <summary>Keeps the persons read in the last window; a burst lasts while the window holds enough of them.</summary>
    private void Slide(Guid staff, Member m, DateTime at, Guid person)
    {
        m.Window.Enqueue((at, person));
        m.InWindow[person] = m.InWindow.GetValueOrDefault(person) + 1;
        while (m.Window.Peek().At <= at - _window)
        {
            var (_, old) = m.Window.Dequeue();
            if (--m.InWindow[old] == 0)
            {
                m.InWindow.Remove(old);
            }
        }

        if (m.InWindow.Count >= options.BulkPersons)
        {
            m.Burst = m.Burst is { } b ? (b.From, at, Math.Max(b.Persons, m.InWindow.Count)) : (m.Window.Peek().At, at, m.InWindow.Count);
        }
        else
        {
            Close(staff, m);
        }
    }

    private void Close(Guid staff, Member m)
    {
        if (m.Burst is { } b)
        {
            _bulk.Add((staff, b.From, b.To, b.Persons));
            m.Burst = null;
        }
    }

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));

    private sealed class Member
    {
        public int Reads;
        public int OutsideHours;
        public int Denied;
        public readonly HashSet<Guid> Persons = [];
        public readonly Queue<(DateTime At, Guid Person)> Window = new();
        public readonly Dictionary<Guid, int> InWindow = [];
        public (DateTime From, DateTime To, int Persons)? Burst;
    }
}
