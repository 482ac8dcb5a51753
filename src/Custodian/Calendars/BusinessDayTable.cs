namespace Custodian.Calendars;

/// <summary>
/// Every day of the supported range numbered by how many business days have passed, so counting
/// and adding business days is two array reads instead of a walk over the calendar.
/// </summary>
internal sealed class BusinessDayTable
{
    private static readonly int FirstDayNumber = SupportedRange.First.DayNumber;

    // _countThrough[d]: business days in [First, day d]. _businessDay[k]: day offset of business day number k + 1.
    private readonly int[] _countThrough;
    private readonly int[] _businessDay;

    private BusinessDayTable(int[] countThrough, int[] businessDay)
    {
        _countThrough = countThrough;
        _businessDay = businessDay;
    }

    /// <summary>Business days in the whole supported range.</summary>
    public int Total => _businessDay.Length;

    public static BusinessDayTable Build(Func<int, IEnumerable<DayOff>> daysOff)
    {
        var length = SupportedRange.Last.DayNumber - FirstDayNumber + 1;
        var isDayOff = new bool[length];
        for (var year = SupportedRange.FirstYear; year <= SupportedRange.LastYear; year++)
        {
            foreach (var day in daysOff(year))
            {
                isDayOff[Offset(day.Date)] = true;
            }
        }

        var countThrough = new int[length];
        var businessDay = new List<int>(length);
        var count = 0;
        for (var offset = 0; offset < length; offset++)
        {
            if (!isDayOff[offset] && !DateRules.IsWeekend(DateOnly.FromDayNumber(FirstDayNumber + offset)))
            {
                count++;
                businessDay.Add(offset);
            }

            countThrough[offset] = count;
        }

        return new BusinessDayTable(countThrough, businessDay.ToArray());
    }

    /// <summary>Position of a date inside the supported range; callers check the range first.</summary>
    public static int Offset(DateOnly date) => date.DayNumber - FirstDayNumber;

    public static DateOnly DateAt(int offset) => DateOnly.FromDayNumber(FirstDayNumber + offset);

    public bool IsBusinessDay(int offset) => _countThrough[offset] != (offset == 0 ? 0 : _countThrough[offset - 1]);

    /// <summary>Business days from the start of the range up to and including the day.</summary>
    public int CountThrough(int offset) => _countThrough[offset];

    /// <summary>Day offset of business day <paramref name="number"/>, counted from 1; null outside the range.</summary>
    public int? OffsetOfBusinessDay(long number) =>
        number >= 1 && number <= _businessDay.Length ? _businessDay[number - 1] : null;
}
