using System.Globalization;
using Custodian.Common;

namespace Custodian.Calendars;

/// <summary>Dates as they are written everywhere here, in options, forms, queries and commands: YYYY-MM-DD, nothing else.</summary>
internal static class Days
{
    public static bool TryParse(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    /// <summary>An optional date field: null when absent, a failure naming the field when it is not YYYY-MM-DD.</summary>
    public static Result<DateOnly?> ParseOptional(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (DateOnly?)null;
        }

        return TryParse(text.Trim(), out var day) ? (DateOnly?)day : Failure.Invalid(field, "date.format", $"{field} is a date as YYYY-MM-DD.");
    }
}
