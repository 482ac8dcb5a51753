using Custodian.Calendars;

namespace Custodian.Tests.Calendars;

internal static class CalendarAssert
{
    public static readonly BusinessCalendars Default = new(new CalendarsOptions());

    public static BusinessCalendar Japan => Default.Get(BusinessCalendars.Japan).Value!;

    public static BusinessCalendar Mexico => Default.Get(BusinessCalendars.Mexico).Value!;

    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static void NationalHolidaysAre(BusinessCalendar calendar, int year, params string[] expected)
    {
        var actual = calendar.DaysOff(year).Value!
            .Where(d => d.Kind == DayOffKind.NationalHoliday)
            .Select(d => d.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected, actual);
    }

    public static string NameOf(BusinessCalendar calendar, string iso)
    {
        var date = D(iso);
        return calendar.DaysOff(date.Year).Value!.Single(d => d.Date == date).Name;
    }

    public static bool IsDayOff(BusinessCalendar calendar, string iso)
    {
        var date = D(iso);
        return calendar.DaysOff(date.Year).Value!.Any(d => d.Date == date);
    }
}
