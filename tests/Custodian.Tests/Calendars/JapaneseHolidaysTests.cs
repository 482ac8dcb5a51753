using Custodian.Calendars;
using static Custodian.Tests.Calendars.CalendarAssert;

namespace Custodian.Tests.Calendars;

// Expected lists: Cabinet Office, 「国民の祝日」について / 昭和30年（1955年）から令和8年（2026年）国民の祝日等.
public class JapaneseHolidaysTests
{
    [Fact]
    public void Holidays_2019_match_the_Cabinet_Office_list_with_the_enthronement_days()
    {
        NationalHolidaysAre(Japan, 2019,
            "2019-01-01", "2019-01-14", "2019-02-11", "2019-03-21", "2019-04-29", "2019-04-30",
            "2019-05-01", "2019-05-02", "2019-05-03", "2019-05-04", "2019-05-05", "2019-05-06",
            "2019-07-15", "2019-08-11", "2019-08-12", "2019-09-16", "2019-09-23", "2019-10-14",
            "2019-10-22", "2019-11-03", "2019-11-04", "2019-11-23");
        Assert.Equal(JapaneseHolidays.CitizensHoliday, NameOf(Japan, "2019-04-30"));
        Assert.Equal("The Day of the Emperor's Enthronement", NameOf(Japan, "2019-05-01"));
        Assert.Equal(JapaneseHolidays.CitizensHoliday, NameOf(Japan, "2019-05-02"));
        Assert.Equal(JapaneseHolidays.SubstituteHoliday, NameOf(Japan, "2019-05-06"));
    }

    [Fact]
    public void Holidays_2020_match_the_Cabinet_Office_list_with_the_Olympic_moves()
    {
        NationalHolidaysAre(Japan, 2020,
            "2020-01-01", "2020-01-13", "2020-02-11", "2020-02-23", "2020-02-24", "2020-03-20",
            "2020-04-29", "2020-05-03", "2020-05-04", "2020-05-05", "2020-05-06", "2020-07-23",
            "2020-07-24", "2020-08-10", "2020-09-21", "2020-09-22", "2020-11-03", "2020-11-23");
        Assert.Equal("Sports Day", NameOf(Japan, "2020-07-24"));
        Assert.Equal("Mountain Day", NameOf(Japan, "2020-08-10"));
    }

    [Fact]
    public void Holidays_2021_match_the_Cabinet_Office_list_with_the_Olympic_moves()
    {
        NationalHolidaysAre(Japan, 2021,
            "2021-01-01", "2021-01-11", "2021-02-11", "2021-02-23", "2021-03-20", "2021-04-29",
            "2021-05-03", "2021-05-04", "2021-05-05", "2021-07-22", "2021-07-23", "2021-08-08",
            "2021-08-09", "2021-09-20", "2021-09-23", "2021-11-03", "2021-11-23");
        Assert.False(IsDayOff(Japan, "2021-10-11"));
    }

    [Fact]
    public void Holidays_2024_match_the_Cabinet_Office_list()
    {
        NationalHolidaysAre(Japan, 2024,
            "2024-01-01", "2024-01-08", "2024-02-11", "2024-02-12", "2024-02-23", "2024-03-20",
            "2024-04-29", "2024-05-03", "2024-05-04", "2024-05-05", "2024-05-06", "2024-07-15",
            "2024-08-11", "2024-08-12", "2024-09-16", "2024-09-22", "2024-09-23", "2024-10-14",
            "2024-11-03", "2024-11-04", "2024-11-23");
    }

    [Fact]
    public void Holidays_2025_match_the_Cabinet_Office_list()
    {
        NationalHolidaysAre(Japan, 2025,
            "2025-01-01", "2025-01-13", "2025-02-11", "2025-02-23", "2025-02-24", "2025-03-20",
            "2025-04-29", "2025-05-03", "2025-05-04", "2025-05-05", "2025-05-06", "2025-07-21",
            "2025-08-11", "2025-09-15", "2025-09-23", "2025-10-13", "2025-11-03", "2025-11-23",
            "2025-11-24");
    }

    [Fact]
    public void Holidays_2026_match_the_Cabinet_Office_list_with_the_Sep_22_citizens_holiday()
    {
        NationalHolidaysAre(Japan, 2026,
            "2026-01-01", "2026-01-12", "2026-02-11", "2026-02-23", "2026-03-20", "2026-04-29",
            "2026-05-03", "2026-05-04", "2026-05-05", "2026-05-06", "2026-07-20", "2026-08-11",
            "2026-09-21", "2026-09-22", "2026-09-23", "2026-10-12", "2026-11-03", "2026-11-23");
        Assert.Equal(JapaneseHolidays.CitizensHoliday, NameOf(Japan, "2026-09-22"));
    }

    [Theory]
    [InlineData("2015-09-22")]
    [InlineData("2009-09-22")]
    [InlineData("1988-05-04")]
    [InlineData("2006-05-04")]
    public void Day_between_two_holidays_is_a_citizens_holiday(string date) =>
        Assert.Equal(JapaneseHolidays.CitizensHoliday, NameOf(Japan, date));

    [Fact]
    public void Before_2007_a_Sunday_between_two_holidays_stays_a_Sunday_and_earns_no_substitute()
    {
        Assert.False(IsDayOff(Japan, "2003-05-04"));
        Assert.False(IsDayOff(Japan, "2003-05-06"));
    }

    [Fact]
    public void Before_2007_a_Monday_substitute_is_not_renamed_a_citizens_holiday() =>
        Assert.Equal(JapaneseHolidays.SubstituteHoliday, NameOf(Japan, "1992-05-04"));

    [Fact]
    public void From_2007_a_Sunday_holiday_moves_to_the_next_day_that_is_not_a_holiday() =>
        Assert.Equal(JapaneseHolidays.SubstituteHoliday, NameOf(Japan, "2008-05-06"));

    [Fact]
    public void Citizens_holiday_did_not_exist_before_1986() => Assert.False(IsDayOff(Japan, "1985-05-04"));

    [Theory]
    [InlineData(1980, 20, 23)]
    [InlineData(2010, 21, 23)]
    [InlineData(2012, 20, 22)]
    [InlineData(2016, 20, 22)]
    [InlineData(2019, 21, 23)]
    [InlineData(2020, 20, 22)]
    [InlineData(2023, 21, 23)]
    [InlineData(2024, 20, 22)]
    [InlineData(2025, 20, 23)]
    [InlineData(2026, 20, 23)]
    public void Equinox_days_match_the_published_days(int year, int vernalMarch, int autumnalSeptember)
    {
        Assert.Equal(vernalMarch, JapaneseHolidays.VernalEquinoxDay(year));
        Assert.Equal(autumnalSeptember, JapaneseHolidays.AutumnalEquinoxDay(year));
    }

    [Theory]
    [InlineData("1999-01-15", "Coming of Age Day")]
    [InlineData("2000-01-10", "Coming of Age Day")]
    [InlineData("1999-10-10", "Health and Sports Day")]
    [InlineData("2000-10-09", "Health and Sports Day")]
    [InlineData("1996-07-20", "Marine Day")]
    [InlineData("2003-07-21", "Marine Day")]
    [InlineData("2002-09-15", "Respect for the Aged Day")]
    [InlineData("2004-09-20", "Respect for the Aged Day")]
    [InlineData("2016-08-11", "Mountain Day")]
    [InlineData("1988-04-29", "The Emperor's Birthday")]
    [InlineData("1989-04-29", "Greenery Day")]
    [InlineData("2007-04-29", "Showa Day")]
    [InlineData("2007-05-04", "Greenery Day")]
    [InlineData("1989-12-23", "The Emperor's Birthday")]
    [InlineData("2018-12-24", JapaneseHolidays.SubstituteHoliday)]
    [InlineData("2020-02-23", "The Emperor's Birthday")]
    [InlineData("1989-02-24", "The Funeral Ceremony of Emperor Showa")]
    [InlineData("1990-11-12", "The Ceremony of the Enthronement of the Emperor")]
    [InlineData("1993-06-09", "The Rite of Wedding of HIH Crown Prince Naruhito")]
    public void Holiday_history_gives_the_day_its_name_of_the_time(string date, string name) =>
        Assert.Equal(name, NameOf(Japan, date));

    [Theory]
    [InlineData("1995-07-20")]
    [InlineData("2015-08-11")]
    [InlineData("2019-12-23")]
    [InlineData("2019-02-23")]
    [InlineData("1988-12-23")]
    [InlineData("2002-07-15")]
    public void Days_before_or_after_their_rule_are_not_holidays(string date) => Assert.False(IsDayOff(Japan, date));
}
