using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Policy;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Provision;

/// <summary>One candidate as their company sees them: only the items provided, and how the provider obtained them.</summary>
internal sealed record ProvidedView(Guid PersonId, Guid ProvisionRecordId, DateTime ProvidedAt, string Method, IReadOnlyDictionary<string, string> Items, string Statement);

/// <summary>An entry as the company's list shows it: ids, dates and item ids only.</summary>
internal sealed record ProvidedEntry(Guid PersonId, Guid ProvisionRecordId, DateTime ProvidedAt, string Items, bool Open, string? WithdrawnReason);

/// <summary>
/// The recipient's side. A company user reaches a candidate only through the gate (use Provide), only while the
/// entry is open, and sees only the items the provision record names. The first view records the receipt (Art. 30).
/// </summary>
internal sealed class RecipientSide(IDbContextFactory<CustodianDb> factory, PersonGate gate, PolicyStore policies, AuditLog audit, TimeProvider time)
{
    private static readonly Failure NotProvided = Failure.NotFound("provided.unknown", "Nothing about this person was provided to your company.");

    public async Task<Result<List<ProvidedEntry>>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await ClientCompanyRegistry.CompanyOfAsync(db, actor, cancellationToken) is not { } companyId)
        {
            return Failure.Refused("company-user.unlinked", "This account does not belong to a client company.");
        }

        if (await ClientCompanySuspension.IsSuspendedAsync(db, companyId, cancellationToken))
        {
            return ClientCompanySuspension.Suspended;
        }

        return await (
                from e in db.Set<Entry>().AsNoTracking()
                where e.CompanyId == companyId
                join r in db.Set<ProvisionRecord>().AsNoTracking() on e.ProvisionRecordId equals r.Id
                orderby e.Id
                select new ProvidedEntry(e.PersonId, r.Id, r.ProvidedAt, r.Items, e.State == EntryState.Open, e.WithdrawnReason))
            .ToListAsync(cancellationToken);
    }

    public async Task<Result<ProvidedView>> ViewAsync(Actor actor, Guid personId, CancellationToken cancellationToken = default)
    {
        ProvisionRecord? record;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            var companyId = await ClientCompanyRegistry.CompanyOfAsync(db, actor, cancellationToken);
            record = companyId is null ? null : await (
                    from e in db.Set<Entry>().AsNoTracking()
                    where e.CompanyId == companyId && e.PersonId == personId
                    join r in db.Set<ProvisionRecord>().AsNoTracking() on e.ProvisionRecordId equals r.Id
                    select r)
                .FirstOrDefaultAsync(cancellationToken);
        }

        if (record is null)
        {
            await audit.RecordAsync(new(AuditEventType.ProvidedViewRefused, actor.AuditName, AuditOutcome.Refused, personId, ProvisionRules.ToUserCompany, Reason: NotProvided.Code), cancellationToken);
            return NotProvided;
        }

        // The gate decides (entry open, contract in force, provision not stopped) and audits before decrypting.
        var view = await gate.UseAsync(actor, personId, ProvisionRules.ToUserCompany, GateUse.Provide, cancellationToken);
        if (!view.Succeeded)
        {
            return view.Failure!;
        }

        var provided = record.Items.Split(',');
        var items = view.Value!.Items.Where(kv => provided.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);
        await RecordReceiptAsync(actor, record, cancellationToken);
        return new ProvidedView(personId, record.Id, record.ProvidedAt, record.Method, items, Statement(record, view.Value.Channel));
    }

    private async Task RecordReceiptAsync(Actor actor, ProvisionRecord record, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<ProvisionReceipt>().AnyAsync(r => r.ProvisionRecordId == record.Id, cancellationToken))
        {
            return;
        }

        db.Add(new ProvisionReceipt
        {
            ProvisionRecordId = record.Id,
            CompanyId = record.CompanyId!.Value,
            PersonId = record.PersonId,
            ReceivedBy = actor.AuditName,
            ReceivedAt = time.GetUtcNow().UtcDateTime,
        });
        try
        {
            await audit.CommitAsync(db, [new(AuditEventType.ProvisionReceived, actor.AuditName, PersonId: record.PersonId, Purpose: ProvisionRules.ToUserCompany, Items: record.Items, Subject: record.Id.ToString())], cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two first views at once: the other one recorded the receipt.
        }
    }

    /// <summary>What Art. 30 asks the recipient to confirm: who provided the data and how they obtained it.</summary>
    private string Statement(ProvisionRecord record, string channelId)
    {
        var policy = policies.Find(record.PolicyId)!;
        var contact = policy.Operator.ContactPoints.FirstOrDefault();
        var channel = policy.FindChannel(channelId)?.Name["en"] ?? channelId;
        return $"Provided by {policy.Operator.Name}{(contact?.Address is { } a ? ", " + a : "")}, on {record.ProvidedAt:yyyy-MM-dd}, by {Term(policy, record.Method)}. "
            + $"The provider obtained these data from the person through: {channel}. The person entered for your company, which the provider's "
            + $"privacy policy (version {record.PolicyVersion}) deems their consent to this provision; consent record {record.ConsentRecordId}.";
    }

    private static string Term(PrivacyPolicy policy, string id) => policy.Terms.TryGetValue(id, out var text) ? text["en"] : id;
}
