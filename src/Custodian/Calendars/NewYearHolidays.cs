namespace Custodian.Calendars;

/// <summary>The policy's "new-year holidays": 29 December to 3 January, in every calendar.</summary>
internal static class NewYearHolidays
{
    public const string Name = "New-Year Holidays";

    public static IEnumerable<DayOff> For(int year)
    {
        foreach (var day in new[] { 1, 2, 3 })
        {
            yield return new DayOff(new DateOnly(year, 1, day), Name, DayOffKind.NewYearHoliday);
        }

        foreach (var day in new[] { 29, 30, 31 })
        {
            yield return new DayOff(new DateOnly(year, 12, day), Name, DayOffKind.NewYearHoliday);
        }
    }
}
