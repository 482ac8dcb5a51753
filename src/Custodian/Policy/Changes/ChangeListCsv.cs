using Custodian.Common;

namespace Custodian.Policy.Changes;

/// <summary>The operator's list of persons to tell by post or telephone: personal data, so it goes to a file the operator chose, never to a log.</summary>
internal static class ChangeListCsv
{
    public static async Task WriteAsync(IReadOnlyList<ChangeListEntry> list, TextWriter output, CancellationToken cancellationToken)
    {
        await using var csv = CsvExport.Open(output);
        csv.WriteRecords(list.Select(e => new { person_id = e.PersonId, language = e.Language, name = e.Name ?? "", address = e.Address ?? "", telephone = e.Telephone ?? "" }));
        await csv.FlushAsync();
        await output.FlushAsync(cancellationToken);
    }
}
