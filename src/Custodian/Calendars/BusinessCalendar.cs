using Custodian.Common;

namespace Custodian.Calendars;

/// <summary>
/// One country's business days: not a Saturday, Sunday, national holiday, new-year holiday or
/// company holiday. Dates are local to the calendar's own time zone.
/// </summary>
public sealed class BusinessCalendar
{
    private readonly Func<int, IReadOnlyList<DayOff>> _nationalHolidays;
    private readonly IReadOnlyList<DayOff> _configured;
    private readonly Lazy<BusinessDayTable> _table;

    internal BusinessCalendar(string id, TimeZoneInfo timeZone, Func<int, IReadOnlyList<DayOff>> nationalHolidays, IReadOnlyList<DayOff> configured)
    {
        Id = id;
        TimeZone = timeZone;
        _nationalHolidays = nationalHolidays;
        _configured = configured;

        // Built on first use, once, for all supported years: later calls only read arrays.
        _table = new Lazy<BusinessDayTable>(() => BusinessDayTable.Build(DaysOffIn), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Id { get; }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>The date an instant falls on in this calendar's time zone.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);

    /// <summary>The year's days off other than ordinary weekends, one per date, ordered by date.</summary>
    public Result<IReadOnlyList<DayOff>> DaysOff(int year) =>
        SupportedRange.Contains(year) ? DaysOffIn(year) : SupportedRange.YearOutside(nameof(year));

    public Result<bool> IsBusinessDay(DateOnly date) =>
        SupportedRange.Contains(date) ? _table.Value.IsBusinessDay(BusinessDayTable.Offset(date)) : SupportedRange.DateOutside(nameof(date));

    /// <summary>
    /// The day by which a response is due: the <paramref name="businessDays"/>-th business day after
    /// the local date of receipt. The day of receipt never counts, so a request received on a day
    /// off has the next business day as its first day.
    /// </summary>
    public Result<DateOnly> DueDate(DateTimeOffset received, int businessDays)
    {
        if (businessDays < 1)
        {
            return Failure.Invalid(nameof(businessDays), "business-days-positive", "The number of business days must be at least 1.");
        }

        var receivedOn = LocalDate(received);
        return SupportedRange.Contains(receivedOn) ? Add(receivedOn, businessDays, nameof(businessDays)) : SupportedRange.DateOutside(nameof(received));
    }

    /// <summary>
    /// The <paramref name="businessDays"/>-th business day after <paramref name="date"/> when positive,
    /// before it when negative (a reminder 5 business days before a due date is <c>-5</c>); the date itself when zero.
    /// </summary>
    public Result<DateOnly> AddBusinessDays(DateOnly date, int businessDays) =>
        SupportedRange.Contains(date) ? Add(date, businessDays, nameof(businessDays)) : SupportedRange.DateOutside(nameof(date));

    /// <summary>Business days in (<paramref name="from"/>, <paramref name="to"/>]; negative when <paramref name="to"/> is earlier.</summary>
    public Result<int> BusinessDaysBetween(DateOnly from, DateOnly to)
    {
        if (!SupportedRange.Contains(from))
        {
            return SupportedRange.DateOutside(nameof(from));
        }

        if (!SupportedRange.Contains(to))
        {
            return SupportedRange.DateOutside(nameof(to));
        }

        var table = _table.Value;
        return table.CountThrough(BusinessDayTable.Offset(to)) - table.CountThrough(BusinessDayTable.Offset(from));
    }

    private Result<DateOnly> Add(DateOnly date, int businessDays, string field)
    {
        if (businessDays == 0)
        {
            return date;
        }

        var table = _table.Value;
        var offset = BusinessDayTable.Offset(date);
        long through = table.CountThrough(offset);

        // Counting backwards starts from the business days strictly before the date.
        var number = businessDays > 0
            ? through + businessDays
            : through - (table.IsBusinessDay(offset) ? 1 : 0) + businessDays + 1;
        return table.OffsetOfBusinessDay(number) is { } found ? BusinessDayTable.DateAt(found) : SupportedRange.ResultOutside(field);
    }

    private List<DayOff> DaysOffIn(int year)
    {
        // One entry per date; a national holiday's name wins over the new-year and company labels.
        var byDate = new SortedDictionary<DateOnly, DayOff>();
        var all = _nationalHolidays(year)
            .Concat(NewYearHolidays.For(year))
            .Concat(_configured.Where(d => d.Date.Year == year))
            .OrderBy(d => d.Kind);
        foreach (var day in all)
        {
            byDate.TryAdd(day.Date, day);
        }

        return byDate.Values.ToList();
    }
}
