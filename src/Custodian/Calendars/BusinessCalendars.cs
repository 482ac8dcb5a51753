using System.Diagnostics;
using Custodian.Common;

namespace Custodian.Calendars;

/// <summary>The business-day calendars by id: <c>jp</c> (Asia/Tokyo) and <c>mx</c> (America/Mexico_City).</summary>
public sealed class BusinessCalendars
{
    public const string Japan = "jp";
    public const string Mexico = "mx";

    private readonly Dictionary<string, BusinessCalendar> _calendars;

    public BusinessCalendars(CalendarsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = CalendarsOptionsValidator.Problems(options);
        if (problems.Count > 0)
        {
            // Configuration is validated at start; reaching here invalid is a programming error.
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        _calendars = new Dictionary<string, BusinessCalendar>(StringComparer.OrdinalIgnoreCase)
        {
            [Japan] = new(Japan, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"), JapaneseHolidays.For, Configured(Japan, options)),
            [Mexico] = new(Mexico, TimeZoneInfo.FindSystemTimeZoneById("America/Mexico_City"), MexicanRestDays.For, Configured(Mexico, options)),
        };
    }

    public static IReadOnlyList<string> Ids { get; } = [Japan, Mexico];

    public Result<BusinessCalendar> Get(string id) =>
        _calendars.TryGetValue(id, out var calendar)
            ? calendar
            : Failure.Invalid("calendar", "calendar-unknown", $"Unknown calendar; expected one of {string.Join(", ", Ids)}.");

    private static List<DayOff> Configured(string id, CalendarsOptions options)
    {
        var company = options.CompanyHolidays.GetValueOrDefault(id) ?? [];
        var election = options.ElectionDays.GetValueOrDefault(id) ?? [];
        return election.Select(d => new DayOff(Day(d), "Election Day", DayOffKind.NationalHoliday))
            .Concat(company.Select(d => new DayOff(Day(d), "Company Holiday", DayOffKind.CompanyHoliday)))
            .ToList();

        // Validated above, so every text parses.
        static DateOnly Day(string text) => Days.TryParse(text, out var date) ? date : throw new UnreachableException();
    }
}
