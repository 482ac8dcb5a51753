using System.Globalization;
using Custodian.Common;

namespace Custodian.Incidents.Affected;

/// <summary>The affected list as CSV: <c>person_id,items,first_at,last_at,events</c>, items comma separated in one cell, instants in UTC.</summary>
internal static class AffectedCsv
{
    public static async Task WriteAsync(AffectedList list, TextWriter output, CancellationToken cancellationToken = default)
    {
        await using var csv = CsvExport.Open(output);
        foreach (var header in (string[])["person_id", "items", "first_at", "last_at", "events"])
        {
            csv.WriteField(header);
        }

        await csv.NextRecordAsync();
        foreach (var p in list.Persons)
        {
            cancellationToken.ThrowIfCancellationRequested();
            csv.WriteField(p.PersonId.ToString());
            csv.WriteField(string.Join(',', p.Items));
            csv.WriteField(Iso(p.FirstAt));
            csv.WriteField(Iso(p.LastAt));
            csv.WriteField(p.Events.ToString(CultureInfo.InvariantCulture));
            await csv.NextRecordAsync();
        }

        await csv.FlushAsync();
    }

    public static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
