using Custodian.Common;

namespace Custodian.Calendars;

/// <summary>
/// The years the holiday rules are written for: the equinox formulas used by the Cabinet Office
/// hold for 1980–2099, and the law gives no days beyond what is enacted, so no further.
/// </summary>
internal static class SupportedRange
{
    public const int FirstYear = 1980;
    public const int LastYear = 2099;
    public const string Rule = "calendar-range";

    public static readonly DateOnly First = new(FirstYear, 1, 1);
    public static readonly DateOnly Last = new(LastYear, 12, 31);

    public static bool Contains(DateOnly date) => date >= First && date <= Last;

    public static bool Contains(int year) => year is >= FirstYear and <= LastYear;

    public static Failure DateOutside(string field) =>
        Failure.Invalid(field, Rule, $"The date must lie between {FirstYear}-01-01 and {LastYear}-12-31 in the calendar's own time zone.");

    public static Failure YearOutside(string field) =>
        Failure.Invalid(field, Rule, $"The year must lie between {FirstYear} and {LastYear}.");

    public static Failure ResultOutside(string field) =>
        Failure.Invalid(field, Rule, $"The result would fall outside {FirstYear}-01-01 to {LastYear}-12-31, the years the calendar covers.");
}
