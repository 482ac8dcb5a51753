namespace Custodian.Calendars;

/// <summary>
/// Configuration section <c>Calendars</c>: the days off the law does not give, per calendar id, as
/// YYYY-MM-DD. Kept as text because the configuration binder silently drops list items it cannot
/// convert; the validator refuses them instead.
/// </summary>
public sealed class CalendarsOptions
{
    public const string Section = "Calendars";

    /// <summary>The policy's "our Company holidays", e.g. <c>Calendars:CompanyHolidays:jp:0 = 2026-08-13</c>.</summary>
    public Dictionary<string, List<string>> CompanyHolidays { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Election days that the electoral laws make rest days (Ley Federal del Trabajo Art. 74 fr. IX);
    /// they change with each electoral calendar, so they are configured rather than computed.
    /// </summary>
    public Dictionary<string, List<string>> ElectionDays { get; } = new(StringComparer.OrdinalIgnoreCase);
}
