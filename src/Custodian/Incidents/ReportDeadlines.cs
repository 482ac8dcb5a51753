using Custodian.Calendars;

namespace Custodian.Incidents;

/// <summary>The two PPC report dates for a learning date and cause.</summary>
public sealed record ReportDates(DateOnly Preliminary, DateOnly Final);

/// <summary>
/// Counts the report deadlines the way the options say (by default the PPC guideline's: day one is the day of learning,
/// a final report due on a government closing day is due the next open day). Closing days are those of 行政機関の休日に関する法律:
/// Saturdays, Sundays, national holidays and 29 December to 3 January, from the Japanese calendar in Calendars.
/// </summary>
public sealed class ReportDeadlines(DeadlineCounting counting)
{
    public ReportDates For(DateOnly learnedOn, IncidentCause cause)
    {
        var finalDays = cause.IsWrongfulPurpose() ? counting.WrongfulPurposeFinalDays : counting.FinalDays;
        return new ReportDates(
            Day(learnedOn, counting.PreliminaryDays, counting.RollPreliminaryPastClosedDays),
            Day(learnedOn, finalDays, counting.RollFinalPastClosedDays));
    }

    /// <summary>The date in Japan an instant of learning falls on.</summary>
    public static DateOnly LearnedOn(DateTime learnedAtUtc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(learnedAtUtc, DateTimeKind.Utc), Tokyo));

    public static bool IsClosedDay(DateOnly date) =>
        date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday
        || (date.Month == 12 && date.Day >= 29) || (date.Month == 1 && date.Day <= 3)
        || JapaneseHolidays.For(date.Year).Any(h => h.Date == date);

    private DateOnly Day(DateOnly learnedOn, int days, bool roll)
    {
        var dayOne = counting.FirstDay == FirstDay.LearnedDay ? learnedOn : learnedOn.AddDays(1);
        var last = dayOne.AddDays(days - 1);
        while (roll && IsClosedDay(last))
        {
            last = last.AddDays(1);
        }

        return last;
    }

    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
}
