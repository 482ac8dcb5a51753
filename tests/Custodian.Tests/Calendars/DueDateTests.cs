using System.Globalization;
using Custodian.Calendars;
using static Custodian.Tests.Calendars.CalendarAssert;

namespace Custodian.Tests.Calendars;

public class DueDateTests
{
    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    private static DateOnly Due(BusinessCalendar calendar, string received, int businessDays)
    {
        var due = calendar.DueDate(At(received), businessDays);
        Assert.Null(due.Failure);
        return due.Value;
    }

    [Fact]
    public void DueDate_skips_Christmas_and_the_new_year_holidays_in_Mexico() =>
        Assert.Equal(D("2027-01-14"), Due(Mexico, "2026-12-18T16:30:00-06:00", 14));

    [Fact]
    public void DueDate_skips_new_year_holidays_and_Coming_of_Age_Day_in_Japan() =>
        // The same instant is Saturday 19 December in Tokyo.
        Assert.Equal(D("2027-01-14"), Due(Japan, "2026-12-18T16:30:00-06:00", 14));

    [Fact]
    public void DueDate_on_the_eve_of_the_new_year_holidays_lands_after_January_3() =>
        Assert.Equal(D("2027-01-04"), Due(Mexico, "2026-12-28T09:00:00-06:00", 1));

    [Fact]
    public void DueDate_skips_Golden_Week() =>
        Assert.Equal(D("2026-05-11"), Due(Japan, "2026-04-28T10:00:00+09:00", 5));

    [Fact]
    public void Request_received_on_a_Saturday_counts_from_the_next_business_day() =>
        // Sat 19, Sun 20, then Respect for the Aged Day, citizens' holiday and Autumnal Equinox Day.
        Assert.Equal(D("2026-09-24"), Due(Japan, "2026-09-19T10:00:00+09:00", 1));

    [Fact]
    public void Request_received_at_23_30_local_counts_from_the_local_date_not_the_UTC_date()
    {
        // Thursday 23:30 in Mexico City is already Friday in UTC.
        Assert.Equal(D("2026-01-09"), Due(Mexico, "2026-01-08T23:30:00-06:00", 1));
        Assert.Equal(D("2026-01-09"), Due(Mexico, "2026-01-09T05:30:00Z", 1));
    }

    [Fact]
    public void Instant_given_in_UTC_is_read_on_the_Tokyo_date()
    {
        // Thursday 15:30 UTC is Friday 00:30 in Tokyo; Monday 12 January is Coming of Age Day.
        Assert.Equal(D("2026-01-13"), Due(Japan, "2026-01-08T15:30:00Z", 1));
    }

    [Fact]
    public void Company_holidays_from_configuration_are_days_off()
    {
        var options = new CalendarsOptions();
        options.CompanyHolidays["jp"] = ["2026-08-13", "2026-08-14"];
        var japan = new BusinessCalendars(options).Get("jp").Value!;

        Assert.Equal(D("2026-08-17"), japan.DueDate(At("2026-08-12T12:00:00+09:00"), 1).Value);
        Assert.Equal(DayOffKind.CompanyHoliday, japan.DaysOff(2026).Value!.Single(d => d.Date == D("2026-08-13")).Kind);
        Assert.Equal(D("2026-08-13"), Due(Japan, "2026-08-12T12:00:00+09:00", 1));
    }

    [Fact]
    public void Reminders_count_business_days_back_from_the_due_date()
    {
        var due = D("2027-01-14");
        Assert.Equal(D("2027-01-13"), Japan.AddBusinessDays(due, -1).Value);
        Assert.Equal(D("2027-01-12"), Japan.AddBusinessDays(due, -2).Value);
        Assert.Equal(D("2027-01-06"), Japan.AddBusinessDays(due, -5).Value);
        Assert.Equal(due, Japan.AddBusinessDays(due, 0).Value);
    }

    [Fact]
    public void Counting_back_from_a_day_off_starts_at_the_business_day_before_it() =>
        Assert.Equal(D("2026-04-28"), Japan.AddBusinessDays(D("2026-04-29"), -1).Value);

    [Fact]
    public void BusinessDaysBetween_counts_the_end_but_not_the_start()
    {
        Assert.Equal(5, Japan.BusinessDaysBetween(D("2026-04-28"), D("2026-05-11")).Value);
        Assert.Equal(-5, Japan.BusinessDaysBetween(D("2026-05-11"), D("2026-04-28")).Value);
        Assert.Equal(0, Japan.BusinessDaysBetween(D("2026-05-02"), D("2026-05-06")).Value);
    }

    [Fact]
    public void First_supported_day_can_be_the_receipt_date() =>
        Assert.Equal(D("1980-01-04"), Due(Japan, "1980-01-01T00:00:00+09:00", 1));

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void DueDate_refuses_fewer_than_one_business_day(int businessDays)
    {
        var failure = Japan.DueDate(At("2026-05-01T10:00:00+09:00"), businessDays).Failure;
        Assert.Equal(("businessDays", "business-days-positive"), (failure?.Field, failure?.Code));
    }

    [Theory]
    [InlineData("1979-12-31T23:59:59+09:00")]
    [InlineData("1980-01-01T05:00:00Z")]
    [InlineData("2100-01-01T00:00:00-06:00")]
    public void DueDate_refuses_a_local_receipt_date_outside_1980_to_2099(string received)
    {
        // 1980-01-01T05:00Z is still 31 December 1979 in Mexico City.
        var failure = Mexico.DueDate(At(received), 1).Failure;
        Assert.Equal(("received", SupportedRange.Rule), (failure?.Field, failure?.Code));
    }

    [Fact]
    public void DueDate_refuses_the_extremes_of_DateTimeOffset_as_values()
    {
        foreach (var calendar in new[] { Japan, Mexico })
        {
            Assert.Equal("received", calendar.DueDate(DateTimeOffset.MinValue, 1).Failure?.Field);
            Assert.Equal("received", calendar.DueDate(DateTimeOffset.MaxValue, 1).Failure?.Field);
        }
    }

    [Fact]
    public void Due_date_past_2099_is_a_failure_naming_the_business_days()
    {
        var failure = Japan.DueDate(At("2099-12-20T10:00:00+09:00"), 10).Failure;
        Assert.Equal(("businessDays", SupportedRange.Rule), (failure?.Field, failure?.Code));
        Assert.NotNull(Japan.AddBusinessDays(D("1980-01-04"), -1).Failure);
        Assert.NotNull(Japan.AddBusinessDays(D("2026-01-05"), int.MaxValue).Failure);
        Assert.NotNull(Japan.AddBusinessDays(D("2026-01-05"), int.MinValue).Failure);
    }

    [Fact]
    public void Dates_and_years_outside_1980_to_2099_are_failures_naming_the_field()
    {
        Assert.Equal("date", Japan.IsBusinessDay(D("2100-01-01")).Failure?.Field);
        Assert.Equal("date", Japan.AddBusinessDays(D("1979-12-31"), 1).Failure?.Field);
        Assert.Equal("from", Japan.BusinessDaysBetween(D("1979-12-31"), D("2026-01-05")).Failure?.Field);
        Assert.Equal("to", Japan.BusinessDaysBetween(D("2026-01-05"), D("2100-01-01")).Failure?.Field);
        Assert.Equal("year", Mexico.DaysOff(1979).Failure?.Field);
        Assert.Equal("year", Mexico.DaysOff(2100).Failure?.Field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("us")]
    [InlineData("japan")]
    public void Unknown_calendar_id_is_a_failure(string id) =>
        Assert.Equal("calendar-unknown", Default.Get(id).Failure?.Code);

    [Fact]
    public void Calendar_ids_ignore_case_and_each_has_its_own_time_zone()
    {
        Assert.Equal("Asia/Tokyo", Default.Get("JP").Value!.TimeZone.Id);
        Assert.Equal("America/Mexico_City", Default.Get("mx").Value!.TimeZone.Id);
    }
}
