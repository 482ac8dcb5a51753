using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Custodian.Common;

/// <summary>
/// The one way exports write CSV. Cells hold what candidates, companies and staff typed, and a spreadsheet runs a cell
/// that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return as a formula: such a cell is
/// written quoted, with a leading apostrophe, which spreadsheets show as text.
/// </summary>
internal static class CsvExport
{
    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape };

    public static CsvWriter Open(TextWriter output) => new(output, Configuration, leaveOpen: true);
}
