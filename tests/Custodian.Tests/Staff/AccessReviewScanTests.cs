using Custodian.Audit;
using Custodian.Calendars;
using Custodian.Staff;

namespace Custodian.Tests.Staff;

public sealed class AccessReviewScanTests
{
    private static readonly BusinessCalendar Japan = new BusinessCalendars(new CalendarsOptions()).Get(BusinessCalendars.Japan).Value!;
    private static readonly Guid Alice = Guid.CreateVersion7();
    private static readonly Guid Bob = Guid.CreateVersion7();

    // Tuesday 2026-11-24, 10:00 in Tokyo.
    private static readonly DateTime WorkingMorning = new(2026, 11, 24, 1, 0, 0, DateTimeKind.Utc);

    private static long _seq;

    private static ReviewEvent Read(Guid staff, Guid person, DateTime at) =>
        new(++_seq, at, AuditEventType.PersonRead, AuditOutcome.Allowed, "staff:" + staff, person, null, null);

    private static AccessReviewScan Scan(AccessReviewOptions? options = null, IReadOnlySet<Guid>? scope = null) =>
        new(options ?? new AccessReviewOptions { BulkPersons = 3, BulkWindowMinutes = 10, WidelyViewedStaff = 2 }, Japan, Japan.TimeZone, scope);

    [Fact]
    public void Many_persons_read_by_one_staff_member_within_the_window_is_one_bulk_read()
    {
        var scan = Scan();
        for (var i = 0; i < 5; i++)
        {
            scan.Add(Read(Alice, Guid.CreateVersion7(), WorkingMorning.AddMinutes(i)));
        }

        // Reads spread wider than the window are not a burst.
        for (var i = 0; i < 5; i++)
        {
            scan.Add(Read(Bob, Guid.CreateVersion7(), WorkingMorning.AddMinutes(i * 11)));
        }

        var bulk = Assert.Single(scan.Finish(new Dictionary<Guid, string>()).Bulk);
        Assert.Equal(Alice, bulk.StaffId);
        Assert.Equal(5, bulk.Persons);
        Assert.Equal(WorkingMorning, bulk.From.UtcDateTime);
        Assert.Equal(WorkingMorning.AddMinutes(4), bulk.To.UtcDateTime);
    }

    [Fact]
    public void Reading_one_person_again_and_again_is_not_a_bulk_read()
    {
        var scan = Scan();
        var person = Guid.CreateVersion7();
        for (var i = 0; i < 10; i++)
        {
            scan.Add(Read(Alice, person, WorkingMorning.AddSeconds(i)));
        }

        var result = scan.Finish(new Dictionary<Guid, string>());
        Assert.Empty(result.Bulk);
        Assert.Equal((10, 1), (result.Staff[0].Reads, result.Staff[0].Persons));
    }

    [Theory]
    [InlineData(2026, 11, 24, 1, 0, false)]   // Tuesday 10:00 JST
    [InlineData(2026, 11, 24, 12, 0, true)]   // Tuesday 21:00 JST
    [InlineData(2026, 11, 23, 22, 59, true)]  // Tuesday 07:59 JST
    [InlineData(2026, 11, 22, 1, 0, true)]    // Sunday
    [InlineData(2026, 11, 23, 1, 0, true)]    // Labour Thanksgiving Day, a Monday
    [InlineData(2026, 12, 31, 1, 0, true)]    // new-year holidays
    public void Working_hours_are_local_business_days_between_start_and_end(int y, int m, int d, int h, int min, bool outside) =>
        Assert.Equal(outside, Scan().IsOutsideHours(new DateTime(y, m, d, h, min, 0, DateTimeKind.Utc)));

    [Fact]
    public void Denied_attempts_count_refusals_and_failed_sign_ins_of_the_account()
    {
        var scan = Scan();
        scan.Add(new ReviewEvent(++_seq, WorkingMorning, AuditEventType.PersonRead, AuditOutcome.Refused, "staff:" + Alice, Guid.CreateVersion7(), "consent.missing", null));
        scan.Add(new ReviewEvent(++_seq, WorkingMorning, AuditEventType.StaffSignInFailed, AuditOutcome.Refused, "system", null, "staff.sign-in", Alice.ToString()));
        scan.Add(new ReviewEvent(++_seq, WorkingMorning, AuditEventType.StaffSignInFailed, AuditOutcome.Refused, "system", null, "staff.sign-in", null));

        var result = scan.Finish(new Dictionary<Guid, string> { [Alice] = "alice" });

        Assert.Equal(2, result.Denied.Total);
        Assert.All(result.Denied.Rows, r => Assert.Equal("alice", r.UserName));
        Assert.Equal(0, result.Staff.Single().Reads);
    }

    [Fact]
    public void A_person_viewed_by_many_staff_is_flagged_within_the_department_only()
    {
        var person = Guid.CreateVersion7();
        var all = Scan();
        var department = Scan(scope: new HashSet<Guid> { Alice });
        foreach (var scan in new[] { all, department })
        {
            scan.Add(Read(Alice, person, WorkingMorning));
            scan.Add(Read(Bob, person, WorkingMorning.AddMinutes(1)));
        }

        Assert.Equal(2, Assert.Single(all.Finish(new Dictionary<Guid, string>()).Widely).StaffMembers);
        var scoped = department.Finish(new Dictionary<Guid, string>());
        Assert.Empty(scoped.Widely);
        Assert.Equal(Alice, Assert.Single(scoped.Staff).StaffId);
    }

    [Fact]
    public void Token_and_person_events_are_not_staff_access()
    {
        var scan = Scan();
        scan.Add(new ReviewEvent(++_seq, WorkingMorning, AuditEventType.PersonRead, AuditOutcome.Allowed, "token:" + Alice, Guid.CreateVersion7(), null, null));
        scan.Add(new ReviewEvent(++_seq, WorkingMorning, AuditEventType.PersonDisclosed, AuditOutcome.Allowed, "person:" + Bob, Bob, null, null));
        Assert.Empty(scan.Finish(new Dictionary<Guid, string>()).Staff);
    }
}
