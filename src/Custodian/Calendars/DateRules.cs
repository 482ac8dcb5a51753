namespace Custodian.Calendars;

/// <summary>Date arithmetic the holiday laws are phrased in.</summary>
internal static class DateRules
{
    /// <summary>The <paramref name="nth"/> given weekday of a month, e.g. the 2nd Monday of January.</summary>
    public static DateOnly NthWeekday(int year, int month, DayOfWeek weekday, int nth)
    {
        var first = new DateOnly(year, month, 1);
        var offset = ((int)weekday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + (7 * (nth - 1)));
    }

    public static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
