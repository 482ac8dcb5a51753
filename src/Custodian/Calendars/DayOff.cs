namespace Custodian.Calendars;

/// <summary>The policy's kinds of day off besides Saturdays and Sundays.</summary>
public enum DayOffKind
{
    NationalHoliday,
    NewYearHoliday,
    CompanyHoliday,
}

/// <summary>A weekday or weekend date on which requests are not handled, with the name the law or the company gives it.</summary>
public readonly record struct DayOff(DateOnly Date, string Name, DayOffKind Kind);
