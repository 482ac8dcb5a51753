using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Custodian.Calendars;
using Custodian.Common;

namespace Custodian.Cli.Calendars;

/// <summary><c>custodian calendar due|holidays</c>: the business-day calendars from the command line.</summary>
internal static class CalendarCommands
{
    private static readonly string[] OffsetFormats =
        ["yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz"];

    private static readonly string[] UtcFormats =
        ["yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"];

    public static Command Create()
    {
        var command = new Command("calendar", "Business-day calendars (jp, mx): response due dates and days off.");
        command.Subcommands.Add(DueCommand());
        command.Subcommands.Add(HolidaysCommand());
        return command;
    }

    private static Command DueCommand()
    {
        var calendar = CalendarOption();
        var received = new Option<DateTimeOffset>("--received")
        {
            Description = "When the request was received: ISO 8601 with an offset, e.g. 2026-12-18T16:30:00-06:00.",
            Required = true,
            CustomParser = ParseInstant,
        };
        var businessDays = new Option<int>("--business-days")
        {
            Description = "How many business days the policy allows, e.g. 14.",
            Required = true,
            CustomParser = ParseBusinessDays,
        };
        var companyHolidays = CompanyHolidayOption();

        var command = new Command("due", "Print the due date (YYYY-MM-DD): the N-th business day after the local date of receipt.")
        {
            calendar, received, businessDays, companyHolidays,
        };
        command.SetAction(parsed =>
        {
            var found = Calendars(parsed, calendar, companyHolidays);
            if (found.Failure is { } unknown)
            {
                return Fail(parsed, unknown);
            }

            var due = found.Value!.DueDate(parsed.GetRequiredValue(received), parsed.GetRequiredValue(businessDays));
            if (due.Failure is { } failure)
            {
                return Fail(parsed, failure);
            }

            parsed.InvocationConfiguration.Output.WriteLine(due.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            return 0;
        });
        return command;
    }

    private static Command HolidaysCommand()
    {
        var calendar = CalendarOption();
        var year = new Option<int>("--year") { Description = "The year to list (1980–2099).", Required = true };
        var companyHolidays = CompanyHolidayOption();

        var command = new Command("holidays", "List a year's days off other than ordinary weekends, with their names.")
        {
            calendar, year, companyHolidays,
        };
        command.SetAction(parsed =>
        {
            var found = Calendars(parsed, calendar, companyHolidays);
            if (found.Failure is { } unknown)
            {
                return Fail(parsed, unknown);
            }

            var days = found.Value!.DaysOff(parsed.GetRequiredValue(year));
            if (days.Failure is { } failure)
            {
                return Fail(parsed, failure);
            }

            foreach (var day in days.Value!)
            {
                parsed.InvocationConfiguration.Output.WriteLine(
                    string.Create(CultureInfo.InvariantCulture, $"{day.Date:yyyy-MM-dd} {day.Date:ddd} {day.Name}"));
            }

            return 0;
        });
        return command;
    }

    private static Option<string> CalendarOption()
    {
        var option = new Option<string>("--calendar") { Description = "Which calendar: jp (Asia/Tokyo) or mx (America/Mexico_City).", Required = true };
        option.AcceptOnlyFromAmong([.. BusinessCalendars.Ids]);
        return option;
    }

    // Checked with the configuration's own rules when the calendar is built, so both refuse the same days.
    private static Option<string[]> CompanyHolidayOption() => new("--company-holiday")
    {
        Description = "A company holiday (YYYY-MM-DD) to add to the calendar; repeat for several.",
    };

    private static Result<BusinessCalendar> Calendars(ParseResult parsed, Option<string> calendar, Option<string[]> companyHolidays)
    {
        var id = parsed.GetRequiredValue(calendar);
        var options = new CalendarsOptions();
        options.CompanyHolidays[id] = [.. parsed.GetValue(companyHolidays) ?? []];
        var problems = CalendarsOptionsValidator.Problems(options);
        return problems.Count == 0
            ? new BusinessCalendars(options).Get(id)
            : Failure.Invalid("companyHoliday", "company-holiday-invalid", string.Join(" ", problems));
    }

    private static int Fail(ParseResult parsed, Failure failure)
    {
        var option = failure.Field switch
        {
            "received" => "--received",
            "businessDays" => "--business-days",
            "year" => "--year",
            "companyHoliday" => "--company-holiday",
            _ => "--calendar",
        };
        parsed.InvocationConfiguration.Error.WriteLine($"{option}: {failure.Detail} ({failure.Code})");
        return 1;
    }

    private static DateTimeOffset ParseInstant(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        var culture = CultureInfo.InvariantCulture;
        if (DateTimeOffset.TryParseExact(text, OffsetFormats, culture, DateTimeStyles.None, out var instant)
            || DateTimeOffset.TryParseExact(text, UtcFormats, culture, DateTimeStyles.AssumeUniversal, out instant))
        {
            return instant;
        }

        // A time without an offset could be any of two dozen instants, so it is refused rather than guessed.
        result.AddError($"--received: '{text}' is not an ISO 8601 date and time with an offset, e.g. 2026-12-18T16:30:00-06:00.");
        return default;
    }

    private static int ParseBusinessDays(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days >= 1)
        {
            return days;
        }

        result.AddError($"--business-days: '{text}' is not a whole number of at least 1.");
        return default;
    }
}
