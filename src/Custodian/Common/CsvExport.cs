using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using CsvHelper.TypeConversion;

namespace Custodian.Common;

/// <summary>
/// The one way exports write CSV. Cells hold what candidates, companies and staff typed, and a spreadsheet runs a cell
/// that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return as a formula: such a cell is
/// written quoted, with a leading apostrophe, which spreadsheets show as text. Dates are ISO 8601 (instants in UTC with a Z),
/// never the invariant culture's US month/day order.
/// </summary>
internal static class CsvExport
{
    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape };

    public const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";
    public const string DayFormat = "yyyy-MM-dd";

    public static CsvWriter Open(TextWriter output)
    {
        var csv = new CsvWriter(output, Configuration, leaveOpen: true);
        var options = csv.Context.TypeConverterOptionsCache;
        options.AddOptions<DateTime>(new TypeConverterOptions { Formats = [InstantFormat] });
        options.AddOptions<DateTime?>(new TypeConverterOptions { Formats = [InstantFormat] });
        options.AddOptions<DateOnly>(new TypeConverterOptions { Formats = [DayFormat] });
        options.AddOptions<DateOnly?>(new TypeConverterOptions { Formats = [DayFormat] });
        return csv;
    }
}
