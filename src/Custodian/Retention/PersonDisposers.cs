using Custodian.Audit;
using Custodian.Consent;
using Custodian.Policy;
using Custodian.PrivacyCentre;
using Custodian.Provision;
using Custodian.Requests;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Retention;

/// <summary>
/// Persons after the service ends. The service has ended for a person when nothing has happened with them for the
/// period: no registration or correction, no consent line, no entry or withdrawal, no provision, no request (and none
/// open). Contact-form persons are the words of an inquiry and go with it. They are erased through the vault.
/// </summary>
internal sealed class PersonsDisposer(IDbContextFactory<CustodianDb> factory, PersonVault vault) : IRecordDisposer
{
    private static readonly RequestState[] Concluded = [RequestState.Fulfilled, RequestState.Refused, RequestState.PartlyRefused, RequestState.Closed];

    public RecordKind Kind => RecordKind.Persons;

    public string Method => "vault erasure: data keys destroyed, blind indexes and sealed items deleted";

    internal static IQueryable<Guid> Expired(CustodianDb db, string policyId, DateTime before) =>
        db.Set<Person>()
            .Where(p => p.PolicyId == policyId && p.State != PersonState.Erased && p.RegisteredAt <= before && p.UpdatedAt <= before
                && !db.Set<Inquiry>().Any(i => i.PersonId == p.Id)
                && !db.Set<ConsentRecord>().Any(c => c.PersonId == p.Id && c.At > before)
                && !db.Set<Entry>().Any(e => e.PersonId == p.Id && (e.EnteredAt > before || e.WithdrawnAt > before))
                && !db.Set<ProvisionRecord>().Any(r => r.PersonId == p.Id && r.ProvidedAt > before)
                && !db.Set<DataRequest>().Any(r => r.PersonId == p.Id && (r.UpdatedAt > before || !Concluded.Contains(r.State))))
            .Select(p => p.Id);

    public async Task<int> CountAsync(AppliedRule rule, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await Expired(db, rule.PolicyId, rule.Rule.Keep.Before(now)).CountAsync(cancellationToken);
    }

    public async Task<int> DisposeAsync(DisposalContext context, CancellationToken cancellationToken)
    {
        List<Guid> ids;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            // Read once: erased persons keep their row, so a query repeated per batch would pass over them again and again.
            ids = await Expired(db, context.Rule.PolicyId, context.Before).OrderBy(id => id).ToListAsync(cancellationToken);
        }

        await vault.EraseManyAsync(context.Actor, ids, context.Reason, context.BatchSize,
            (d, erased, ct) => context.RecordAsync(d, erased.Count, ct), cancellationToken);
        return context.Disposed;
    }
}

/// <summary>Answered inquiries: the inquirer's items (the inquiry's words) are erased through the vault, the rows deleted.</summary>
internal sealed class InquiriesDisposer(IDbContextFactory<CustodianDb> factory, PersonVault vault) : IRecordDisposer
{
    public RecordKind Kind => RecordKind.Inquiries;

    public string Method => "vault erasure of the inquirer's items; inquiry and affiliate-provision rows deleted";

    private static IQueryable<Inquiry> Expired(CustodianDb db, string policyId, DateTime before) =>
        db.Set<Inquiry>().Where(i => i.PolicyId == policyId && i.State == InquiryState.Answered && i.AnsweredAt <= before);

    public async Task<int> CountAsync(AppliedRule rule, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await Expired(db, rule.PolicyId, rule.Rule.Keep.Before(now)).CountAsync(cancellationToken);
    }

    public async Task<int> DisposeAsync(DisposalContext context, CancellationToken cancellationToken)
    {
        while (true)
        {
            List<(Guid Id, Guid PersonId)> batch;
            await using (var db = await factory.CreateDbContextAsync(cancellationToken))
            {
                batch = (await Expired(db, context.Rule.PolicyId, context.Before).OrderBy(i => i.Id).Take(context.BatchSize)
                    .Select(i => new { i.Id, i.PersonId }).ToListAsync(cancellationToken)).ConvertAll(i => (i.Id, i.PersonId));
            }

            if (batch.Count == 0)
            {
                return context.Disposed;
            }

            // One transaction: the person's erasure and the inquiry's rows go together (a person already erased is skipped).
            var inquiries = batch.ConvertAll(i => i.Id);
            await vault.EraseManyAsync(context.Actor, batch.ConvertAll(i => i.PersonId), context.Reason, batchSize: batch.Count, async (d, _, ct) =>
            {
                await d.Set<AffiliateProvision>().Where(p => inquiries.Contains(p.InquiryId)).ExecuteDeleteAsync(ct);
                var deleted = await d.Set<Inquiry>().Where(i => inquiries.Contains(i.Id)).ExecuteDeleteAsync(ct);
                return await context.RecordAsync(d, deleted, ct);
            }, cancellationToken);
        }
    }
}
