using Custodian.Calendars;
using static Custodian.Tests.Calendars.CalendarAssert;

namespace Custodian.Tests.Calendars;

// Expected lists: Ley Federal del Trabajo Art. 74 as published in the DOF, and the STPS yearly notices.
public class MexicanRestDaysTests
{
    [Fact]
    public void Rest_days_2024_include_the_October_1_transmission_of_power() =>
        NationalHolidaysAre(Mexico, 2024,
            "2024-01-01", "2024-02-05", "2024-03-18", "2024-05-01", "2024-09-16", "2024-10-01", "2024-11-18", "2024-12-25");

    [Fact]
    public void Rest_days_2025_follow_the_Monday_rules() =>
        NationalHolidaysAre(Mexico, 2025,
            "2025-01-01", "2025-02-03", "2025-03-17", "2025-05-01", "2025-09-16", "2025-11-17", "2025-12-25");

    [Fact]
    public void Rest_days_2026_follow_the_Monday_rules() =>
        NationalHolidaysAre(Mexico, 2026,
            "2026-01-01", "2026-02-02", "2026-03-16", "2026-05-01", "2026-09-16", "2026-11-16", "2026-12-25");

    [Fact]
    public void Before_2006_the_commemorations_kept_their_own_dates_even_on_a_weekend() =>
        NationalHolidaysAre(Mexico, 2005,
            "2005-01-01", "2005-02-05", "2005-03-21", "2005-05-01", "2005-09-16", "2005-11-20", "2005-12-25");

    [Fact]
    public void The_Monday_rules_began_in_2006_with_December_1_still_the_transmission_day() =>
        NationalHolidaysAre(Mexico, 2006,
            "2006-01-01", "2006-02-06", "2006-03-20", "2006-05-01", "2006-09-16", "2006-11-20", "2006-12-01", "2006-12-25");

    [Theory]
    [InlineData(1982)]
    [InlineData(1988)]
    [InlineData(1994)]
    [InlineData(2000)]
    [InlineData(2012)]
    [InlineData(2018)]
    public void Until_2018_power_was_transmitted_on_December_1_every_six_years(int year) =>
        Assert.StartsWith("Transmission of the Federal Executive Power", NameOf(Mexico, $"{year}-12-01"), StringComparison.Ordinal);

    [Theory]
    [InlineData(2024)]
    [InlineData(2030)]
    [InlineData(2096)]
    public void From_2024_power_is_transmitted_on_October_1_every_six_years(int year)
    {
        Assert.StartsWith("Transmission of the Federal Executive Power", NameOf(Mexico, $"{year}-10-01"), StringComparison.Ordinal);
        Assert.False(IsDayOff(Mexico, $"{year}-12-01"));
    }

    [Theory]
    [InlineData("2019-12-01")]
    [InlineData("2023-10-01")]
    [InlineData("2025-10-01")]
    public void Other_years_have_no_transmission_day(string date) => Assert.False(IsDayOff(Mexico, date));

    [Fact]
    public void A_rest_day_on_a_weekend_is_not_moved()
    {
        // 2018-12-01 and 2021-12-25 were Saturdays: the following Mondays were ordinary business days.
        Assert.True(Mexico.IsBusinessDay(D("2018-12-03")).Value);
        Assert.True(Mexico.IsBusinessDay(D("2021-12-27")).Value);
    }

    [Fact]
    public void Election_days_are_not_rest_days_unless_configured()
    {
        // 2024-06-02, the federal election, was a Sunday; 2027-06-07 stands for a configured weekday.
        Assert.DoesNotContain(Mexico.DaysOff(2024).Value!, d => d.Name.Contains("Election", StringComparison.Ordinal));
        Assert.True(Mexico.IsBusinessDay(D("2027-06-07")).Value);

        var options = new CalendarsOptions();
        options.ElectionDays["mx"] = ["2027-06-07"];
        var configured = new BusinessCalendars(options).Get("mx").Value!;

        Assert.False(configured.IsBusinessDay(D("2027-06-07")).Value);
        Assert.Equal("Election Day", configured.DaysOff(2027).Value!.Single(d => d.Date == D("2027-06-07")).Name);
    }
}
