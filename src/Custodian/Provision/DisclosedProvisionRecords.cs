using Custodian.Requests;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Provision;

/// <summary>The person's provision records as their disclosure request shows them: recipient by name, items, ground.</summary>
internal sealed class DisclosedProvisionRecords(IDbContextFactory<CustodianDb> factory) : IProvisionRecordSource
{
    public async Task<IReadOnlyList<ProvisionRecordLine>> ForPersonAsync(Guid personId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var records = await ProvisionRecords.QueryAsync(db, personId, null, null, null, cancellationToken);
        var companyIds = records.Select(r => r.CompanyId).OfType<Guid>().Distinct().ToList();
        var names = await db.Set<ClientCompany>().AsNoTracking().Where(c => companyIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        return records
            .Select(r => new ProvisionRecordLine(
                r.ProvidedAt,
                r.CompanyId is { } company && names.TryGetValue(company, out var name) ? name : r.RecipientName ?? r.RecipientKind,
                r.Items,
                r.Purpose ?? (r.Ground is null ? ProvisionRules.ToUserCompany : "provision-without-consent"),
                r.Ground)
            {
                Country = r.Country,
            })
            .ToList();
    }
}
