using Custodian.Calendars;
using FsCheck;
using FsCheck.Fluent;
using static Custodian.Tests.Calendars.CalendarAssert;

namespace Custodian.Tests.Calendars;

public class BusinessCalendarProperties
{
    private static readonly BusinessCalendar[] Both = [Japan, Mexico];

    // Any instant from 1980-01-02 to 2099-09-30 UTC, seen from any offset the world uses, in 15-minute steps.
    private static readonly Gen<DateTimeOffset> Received =
        from seconds in Gen.Choose(0, int.MaxValue)
        from quarterHours in Gen.Choose(-48, 56)
        let start = new DateTimeOffset(1980, 1, 2, 0, 0, 0, TimeSpan.Zero)
        let span = (new DateTimeOffset(2099, 9, 30, 0, 0, 0, TimeSpan.Zero) - start).TotalSeconds
        let utc = start.AddSeconds(seconds / (double)int.MaxValue * span)
        select utc.ToOffset(TimeSpan.FromMinutes(15 * quarterHours));

    private static readonly Arbitrary<(BusinessCalendar Calendar, DateTimeOffset Received, int BusinessDays)> Cases =
        (from calendar in Gen.Elements(Both)
         from received in Received
         from businessDays in Gen.Choose(1, 60)
         select (calendar, received, businessDays)).ToArbitrary();

    private static void Holds(Func<BusinessCalendar, DateTimeOffset, int, bool> property) =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(Cases, c => property(c.Calendar, c.Received, c.BusinessDays)));

    [Fact]
    public void Due_date_is_always_a_business_day() =>
        Holds((calendar, received, n) => calendar.IsBusinessDay(calendar.DueDate(received, n).Value).Value);

    [Fact]
    public void Due_date_is_strictly_after_the_local_receipt_date() =>
        Holds((calendar, received, n) => calendar.DueDate(received, n).Value > calendar.LocalDate(received));

    [Fact]
    public void Exactly_N_business_days_lie_after_receipt_up_to_the_due_date() =>
        Holds((calendar, received, n) =>
            calendar.BusinessDaysBetween(calendar.LocalDate(received), calendar.DueDate(received, n).Value).Value == n);

    [Fact]
    public void Counting_back_N_business_days_from_the_due_date_reaches_the_first_business_day_on_or_before_receipt() =>
        Holds((calendar, received, n) =>
        {
            var due = calendar.DueDate(received, n).Value;
            var back = calendar.AddBusinessDays(due, -n).Value;
            var receivedOn = calendar.LocalDate(received);
            return back <= receivedOn && calendar.BusinessDaysBetween(back, receivedOn).Value == 0;
        });

    [Fact]
    public void Due_date_equals_a_day_by_day_walk_over_the_published_days_off() =>
        Holds((calendar, received, n) => calendar.DueDate(received, n).Value == Walk(calendar, calendar.LocalDate(received), n));

    // The slow reading of the policy, straight from the rules, as an oracle for the precomputed table.
    private static DateOnly Walk(BusinessCalendar calendar, DateOnly receivedOn, int businessDays)
    {
        var day = receivedOn;
        while (businessDays > 0)
        {
            day = day.AddDays(1);
            var off = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday
                || calendar.DaysOff(day.Year).Value!.Any(d => d.Date == day);
            if (!off)
            {
                businessDays--;
            }
        }

        return day;
    }
}
