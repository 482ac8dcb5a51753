namespace Custodian.Calendars;

/// <summary>
/// Japan's holidays under the Act on National Holidays (国民の祝日に関する法律, Act No. 178 of 1948)
/// as amended, its special acts, and the Cabinet Office's published lists.
/// </summary>
internal static class JapaneseHolidays
{
    public const string SubstituteHoliday = "Substitute Holiday";
    public const string CitizensHoliday = "Citizens' Holiday";

    // Art. 3(2), in force since 12 April 1973; the "next day that is not a holiday" wording since 2007.
    private static readonly DateOnly SubstituteRuleStart = new(1973, 4, 12);
    private const int SubstituteNextNonHolidayFrom = 2007;

    // Art. 3(3), added by the amendment in force from 27 December 1985.
    private const int CitizensHolidayFrom = 1986;

    /// <summary>The year's holidays (国民の祝日 and 休日), ordered by date. The year must be supported.</summary>
    public static IReadOnlyList<DayOff> For(int year)
    {
        var holidays = new SortedDictionary<DateOnly, string>();
        AddFixedAndMondayHolidays(year, holidays);
        AddEquinoxes(year, holidays);
        AddSpecialActs(year, holidays);

        // Substitute and citizens' holidays are 休日, not 国民の祝日: neither triggers the other rules.
        var proper = new HashSet<DateOnly>(holidays.Keys);
        AddSubstituteHolidays(year, proper, holidays);
        AddCitizensHolidays(year, proper, holidays);

        return holidays.Select(h => new DayOff(h.Key, h.Value, DayOffKind.NationalHoliday)).ToList();
    }

    private static void AddFixedAndMondayHolidays(int year, SortedDictionary<DateOnly, string> days)
    {
        void Add(int month, int day, string name) => days[new DateOnly(year, month, day)] = name;
        DateOnly Monday(int month, int nth) => DateRules.NthWeekday(year, month, DayOfWeek.Monday, nth);

        Add(1, 1, "New Year's Day");
        days[year < 2000 ? new DateOnly(year, 1, 15) : Monday(1, 2)] = "Coming of Age Day";
        Add(2, 11, "National Foundation Day");
        if (year >= 2020)
        {
            Add(2, 23, "The Emperor's Birthday");
        }

        Add(4, 29, year switch
        {
            < 1989 => "The Emperor's Birthday",
            < 2007 => "Greenery Day",
            _ => "Showa Day",
        });
        Add(5, 3, "Constitution Memorial Day");
        if (year >= 2007)
        {
            Add(5, 4, "Greenery Day");
        }

        Add(5, 5, "Children's Day");

        // The Tokyo Olympic and Paralympic Games moved three days in 2020 and, postponed, again in 2021.
        DateOnly? marineDay = year switch
        {
            < 1996 => null,
            2020 => new DateOnly(2020, 7, 23),
            2021 => new DateOnly(2021, 7, 22),
            < 2003 => new DateOnly(year, 7, 20),
            _ => Monday(7, 3),
        };
        if (marineDay is { } marine)
        {
            days[marine] = "Marine Day";
        }

        DateOnly? mountainDay = year switch
        {
            < 2016 => null,
            2020 => new DateOnly(2020, 8, 10),
            2021 => new DateOnly(2021, 8, 8),
            _ => new DateOnly(year, 8, 11),
        };
        if (mountainDay is { } mountain)
        {
            days[mountain] = "Mountain Day";
        }

        days[year < 2003 ? new DateOnly(year, 9, 15) : Monday(9, 3)] = "Respect for the Aged Day";

        var sportsDay = year switch
        {
            < 2000 => new DateOnly(year, 10, 10),
            2020 => new DateOnly(2020, 7, 24),
            2021 => new DateOnly(2021, 7, 23),
            _ => Monday(10, 2),
        };
        days[sportsDay] = year < 2020 ? "Health and Sports Day" : "Sports Day";

        Add(11, 3, "Culture Day");
        Add(11, 23, "Labour Thanksgiving Day");
        if (year is >= 1989 and <= 2018)
        {
            Add(12, 23, "The Emperor's Birthday");
        }
    }

    private static void AddEquinoxes(int year, SortedDictionary<DateOnly, string> days)
    {
        days[new DateOnly(year, 3, VernalEquinoxDay(year))] = "Vernal Equinox Day";
        days[new DateOnly(year, 9, AutumnalEquinoxDay(year))] = "Autumnal Equinox Day";
    }

    /// <summary>Day of March: floor(20.8431 + 0.242194 (Y − 1980) − floor((Y − 1980) / 4)), valid 1980–2099.</summary>
    public static int VernalEquinoxDay(int year) => EquinoxDay(20_843_100, year);

    /// <summary>Day of September: floor(23.2488 + 0.242194 (Y − 1980) − floor((Y − 1980) / 4)), valid 1980–2099.</summary>
    public static int AutumnalEquinoxDay(int year) => EquinoxDay(23_248_800, year);

    // In millionths of a day, so the floor is exact rather than at the mercy of binary fractions.
    private static int EquinoxDay(long baseMicroDays, int year)
    {
        var elapsed = year - SupportedRange.FirstYear;
        var microDays = baseMicroDays + (242_194L * elapsed) - (elapsed / 4 * 1_000_000L);
        return (int)(microDays / 1_000_000L);
    }

    private static void AddSpecialActs(int year, SortedDictionary<DateOnly, string> days)
    {
        var special = year switch
        {
            1989 => [(new DateOnly(1989, 2, 24), "The Funeral Ceremony of Emperor Showa")],
            1990 => [(new DateOnly(1990, 11, 12), "The Ceremony of the Enthronement of the Emperor")],
            1993 => [(new DateOnly(1993, 6, 9), "The Rite of Wedding of HIH Crown Prince Naruhito")],
            2019 => new[]
            {
                (new DateOnly(2019, 5, 1), "The Day of the Emperor's Enthronement"),
                (new DateOnly(2019, 10, 22), "The Day of the Ceremony of the Enthronement"),
            },
            _ => Array.Empty<(DateOnly, string)>(),
        };
        foreach (var (date, name) in special)
        {
            days[date] = name;
        }
    }

    private static void AddSubstituteHolidays(int year, HashSet<DateOnly> proper, SortedDictionary<DateOnly, string> days)
    {
        foreach (var sunday in proper.Where(d => d.DayOfWeek == DayOfWeek.Sunday && d >= SubstituteRuleStart))
        {
            var next = sunday.AddDays(1);
            if (year >= SubstituteNextNonHolidayFrom)
            {
                while (proper.Contains(next))
                {
                    next = next.AddDays(1);
                }
            }

            // Before 2007 only the Monday itself could become the substitute.
            if (!proper.Contains(next) && next.Year == year)
            {
                days[next] = SubstituteHoliday;
            }
        }
    }

    private static void AddCitizensHolidays(int year, HashSet<DateOnly> proper, SortedDictionary<DateOnly, string> days)
    {
        if (year < CitizensHolidayFrom)
        {
            return;
        }

        foreach (var before in proper)
        {
            var between = before.AddDays(1);
            var sandwiched = proper.Contains(before.AddDays(2)) && !days.ContainsKey(between);

            // Until 2006 a Sunday between two holidays stayed an ordinary Sunday.
            var excludedSunday = year < SubstituteNextNonHolidayFrom && between.DayOfWeek == DayOfWeek.Sunday;
            if (sandwiched && !excludedSunday && between.Year == year)
            {
                days[between] = CitizensHoliday;
            }
        }
    }
}
