using System.Globalization;
using Microsoft.Extensions.Options;

namespace Custodian.Calendars;

/// <summary>Refuses at start a configured day the calendars could not honour, rather than ignoring it later.</summary>
internal sealed class CalendarsOptionsValidator : IValidateOptions<CalendarsOptions>
{
    public ValidateOptionsResult Validate(string? name, CalendarsOptions options)
    {
        var problems = Problems(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    public static List<string> Problems(CalendarsOptions options)
    {
        var problems = new List<string>();
        Check(nameof(CalendarsOptions.CompanyHolidays), options.CompanyHolidays, problems);
        Check(nameof(CalendarsOptions.ElectionDays), options.ElectionDays, problems);
        return problems;
    }

    private static void Check(string key, Dictionary<string, List<string>> days, List<string> problems)
    {
        foreach (var (id, dates) in days)
        {
            var path = $"{CalendarsOptions.Section}:{key}:{id}";
            if (!BusinessCalendars.Ids.Contains(id, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"{path}: unknown calendar id; expected one of {string.Join(", ", BusinessCalendars.Ids)}.");
            }

            foreach (var text in dates)
            {
                if (!Days.TryParse(text, out var date))
                {
                    problems.Add($"{path}: '{text}' is not a date in the form YYYY-MM-DD.");
                }
                else if (!SupportedRange.Contains(date))
                {
                    problems.Add($"{path}: {text} lies outside {SupportedRange.FirstYear}–{SupportedRange.LastYear} ({SupportedRange.Rule}).");
                }
            }
        }
    }

}
