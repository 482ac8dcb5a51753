using System.Globalization;
using Custodian.Common;

namespace Custodian.Incidents.Affected;

/// <summary>The half-open window [From, To) of an affected-persons query, in UTC.</summary>
internal readonly record struct AffectedWindow(DateTime From, DateTime To)
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
    ];

    /// <summary>ISO 8601 instants; a date alone is midnight UTC, a time without an offset is UTC.</summary>
    public static Result<AffectedWindow> Parse(string? from, string? to)
    {
        var start = Instant("from", from);
        if (start.Failure is { } badFrom)
        {
            return badFrom;
        }

        var end = Instant("to", to);
        if (end.Failure is { } badTo)
        {
            return badTo;
        }

        return end.Value <= start.Value
            ? Failure.Invalid("to", "window.order", "The window's end (to) must be after its start (from).")
            : new AffectedWindow(start.Value, end.Value);
    }

    public static Result<DateTime> Instant(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Failure.Invalid(field, "required", $"{field} is required (ISO 8601, e.g. 2026-11-01 or 2026-11-01T09:00:00+09:00).");
        }

        return DateTimeOffset.TryParseExact(value.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed.UtcDateTime
            : Failure.Invalid(field, "window.format", $"{field} is not an ISO 8601 date or instant (e.g. 2026-11-01 or 2026-11-01T09:00:00+09:00).");
    }
}
