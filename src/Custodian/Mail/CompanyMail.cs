using Custodian.Provision;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Custodian.Mail;

/// <summary>
/// Tells a client company, at the address it gave (<see cref="MailContacts"/>), that entries provided to it were
/// withdrawn or stopped. The message names no candidate: the company signs in to its console page to see whom.
/// A company without an address is told in the console only, as before.
/// </summary>
internal sealed class CompanyMail(IMailOutbox outbox, MailContacts contacts, IOptions<MailOptions> options, TimeProvider time) : ICompanyNotices
{
    public async Task WithdrawnAsync(CustodianDb db, IReadOnlyList<Entry> entries, string reason, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var byCompany = entries.GroupBy(e => e.CompanyId).ToList();
        var ids = byCompany.ConvertAll(g => g.Key);
        var names = await db.Set<ClientCompany>().AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        foreach (var company in byCompany)
        {
            if (await contacts.OpenAsync(db, company.Key, cancellationToken) is not { } contact)
            {
                continue;
            }

            var template = reason == EntryReasons.ProvisionStopped ? "company-provision-stopped" : "company-entry-withdrawn";
            var values = new Dictionary<string, string>
            {
                ["company"] = names.GetValueOrDefault(company.Key, ""),
                ["count"] = company.Count().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["date"] = time.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["link"] = options.Value.SiteUrl.TrimEnd('/') + "/company",
            };
            var staged = outbox.Stage(db, new OutgoingMail(template, contact.Language, contact.Address, RecipientKind.Company, values, CompanyId: company.Key));
            if (staged.Failure is { } failure)
            {
                throw new InvalidOperationException($"A mail template failed: {failure.Code}.");
            }
        }
    }
}
