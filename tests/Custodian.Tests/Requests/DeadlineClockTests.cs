using Custodian.Calendars;
using Custodian.Policy;
using Custodian.Requests;

namespace Custodian.Tests.Requests;

public sealed class DeadlineClockTests
{
    private static readonly BusinessCalendar Mexico = new BusinessCalendars(new CalendarsOptions()).Get("mx").Value!;
    private static readonly PrivacyPolicy Policy = new PolicyStore(Custodian.Policy.Loading.PolicyLoader.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "policies"))
        .Select(r => r.Policy!).Where(p => p is not null), "leverages-career-mexico").Default;

    private static DateTime At(int year, int month, int day, int hourUtc = 18) => new(year, month, day, hourUtc, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Due_date_is_the_fourteenth_business_day_after_receipt()
    {
        var request = new DataRequest { Id = Guid.NewGuid() };

        // Tuesday 2026-11-03 (Mexico City): 14 business days later, skipping weekends and the Revolution Day holiday on Monday 16th.
        DeadlineClock.Start(request, At(2026, 11, 3), Policy, Mexico);

        Assert.Equal(new DateOnly(2026, 11, 24), request.DueOn);
    }

    [Fact]
    public void Request_received_on_a_day_off_counts_from_the_next_business_day()
    {
        var saturday = new DataRequest { Id = Guid.NewGuid() };
        var friday = new DataRequest { Id = Guid.NewGuid() };

        DeadlineClock.Start(saturday, At(2026, 11, 7), Policy, Mexico);
        DeadlineClock.Start(friday, At(2026, 11, 6), Policy, Mexico);

        Assert.Equal(friday.DueOn, saturday.DueOn);
    }

    [Fact]
    public void Business_days_waited_for_the_person_are_added_back()
    {
        var request = new DataRequest { Id = Guid.NewGuid() };
        DeadlineClock.Start(request, At(2026, 11, 3), Policy, Mexico);
        var due = request.DueOn!.Value;

        DeadlineClock.Pause(request, At(2026, 11, 4), "document.rejected");
        var resumed = DeadlineClock.Resume(request, At(2026, 11, 6), Mexico).Value!;

        Assert.Equal(2, resumed.BusinessDays);
        Assert.Equal(Mexico.AddBusinessDays(due, 2).Value, request.DueOn);
        Assert.Null(request.PausedSince);
    }

    [Fact]
    public void Extension_moves_the_due_date_and_keeps_the_reason()
    {
        var request = new DataRequest { Id = Guid.NewGuid() };
        Assert.False(DeadlineClock.Extend(request, At(2026, 11, 3), 5, "Records at another office.", Mexico).Succeeded);
        DeadlineClock.Start(request, At(2026, 11, 3), Policy, Mexico);

        DeadlineClock.Extend(request, At(2026, 11, 4), 5, "Records at another office.", Mexico);

        Assert.Equal(new DateOnly(2026, 12, 1), request.DueOn);
        Assert.Equal("Records at another office.", request.ExtensionReason);
    }

    [Fact]
    public void Reminders_fall_five_two_and_one_business_days_before_the_due_date()
    {
        var reminders = DeadlineClock.Reminders(new DateOnly(2026, 11, 24), Mexico, [5, 2, 1]);

        // Monday 16th is a holiday, so five business days before Tuesday 24th is Tuesday 17th.
        Assert.Equal([new DateOnly(2026, 11, 17), new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 23)], reminders);
    }
}
