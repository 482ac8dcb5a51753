using Custodian.Policy;

namespace Custodian.Consent;

/// <summary>A campaign export as CSV: one row per contact, the person id and then the purpose's items in the policy's order.</summary>
internal static class CampaignCsv
{
    public static async Task WriteAsync(PurposeOfUse purpose, IEnumerable<CampaignContact> contacts, TextWriter output, CancellationToken cancellationToken)
    {
        await using var csv = Common.CsvExport.Open(output);
        csv.WriteField("person_id");
        foreach (var item in purpose.Items)
        {
            csv.WriteField(item);
        }

        await csv.NextRecordAsync();
        foreach (var contact in contacts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            csv.WriteField(contact.PersonId.ToString());
            foreach (var item in purpose.Items)
            {
                // An item the person never gave, or the staff member's role may not see, is an empty cell, not a missing one.
                csv.WriteField(contact.Items.TryGetValue(item, out var value) ? value : "");
            }

            await csv.NextRecordAsync();
        }
    }
}
