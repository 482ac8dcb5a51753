namespace Custodian.Calendars;

/// <summary>
/// Mexico's mandatory rest days (días de descanso obligatorio), Ley Federal del Trabajo Art. 74.
/// A day that falls on a weekend is not moved: the law has no such rule.
/// </summary>
internal static class MexicanRestDays
{
    // DOF 17 January 2006 moved three commemorations to Mondays, from that year on.
    private const int MondayRuleFrom = 2006;

    // The President took office on 1 December until 2018 and on 1 October from 2024 (Constitution Art. 83, 2014 reform).
    private const int OctoberTransmissionFrom = 2024;

    /// <summary>The year's rest days under Art. 74 fr. I–VIII, ordered by date; fr. IX (election days) is configured, not computed.</summary>
    public static IReadOnlyList<DayOff> For(int year)
    {
        DateOnly Monday(int month, int nth) => DateRules.NthWeekday(year, month, DayOfWeek.Monday, nth);
        var mondayRule = year >= MondayRuleFrom;

        var days = new List<DayOff>
        {
            Rest(new DateOnly(year, 1, 1), "New Year's Day (Año Nuevo)"),
            Rest(mondayRule ? Monday(2, 1) : new DateOnly(year, 2, 5), "Constitution Day (Día de la Constitución)"),
            Rest(mondayRule ? Monday(3, 3) : new DateOnly(year, 3, 21), "Benito Juárez's Birthday (Natalicio de Benito Juárez)"),
            Rest(new DateOnly(year, 5, 1), "Labour Day (Día del Trabajo)"),
            Rest(new DateOnly(year, 9, 16), "Independence Day (Día de la Independencia)"),
            Rest(mondayRule ? Monday(11, 3) : new DateOnly(year, 11, 20), "Revolution Day (Día de la Revolución)"),
            Rest(new DateOnly(year, 12, 25), "Christmas Day (Navidad)"),
        };

        if (TransmissionOfExecutivePower(year) is { } transmission)
        {
            days.Add(Rest(transmission, "Transmission of the Federal Executive Power (Transmisión del Poder Ejecutivo Federal)"));
        }

        days.Sort((a, b) => a.Date.CompareTo(b.Date));
        return days;
    }

    private static DateOnly? TransmissionOfExecutivePower(int year)
    {
        // Six-year terms: 1982, 1988, ... 2018 on 1 December; 2024, 2030, ... on 1 October.
        if ((year - OctoberTransmissionFrom) % 6 != 0)
        {
            return null;
        }

        return year >= OctoberTransmissionFrom ? new DateOnly(year, 10, 1) : new DateOnly(year, 12, 1);
    }

    private static DayOff Rest(DateOnly date, string name) => new(date, name, DayOffKind.NationalHoliday);
}
