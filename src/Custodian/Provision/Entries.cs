using Custodian.Audit;
using Custodian.Common;
using Custodian.Consent;
using Custodian.Gate;
using Custodian.Policy;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Provision;

/// <summary>A candidate's entry for a company, as asked: who, where, how, which items, and the evidence of the text shown.</summary>
public sealed record EntryRequest(Guid PersonId, Guid CompanyId, string? Method, IReadOnlyList<string>? Items, string? PolicyVersion, ConsentEvidence Evidence);

/// <summary>
/// Entries: when a candidate enters for a client company, the policy deems it their agreement to provide. The
/// consent line, the provision record and the audit events are written together, or nothing is.
/// </summary>
internal sealed class Entries(IDbContextFactory<CustodianDb> factory, PolicyStore policies, AuditLog audit, ConsentLedger ledger, EntryWriter writer, TimeProvider time,
    ICompanyNotices notices)
{
    public Task<Result<EntryReceipt>> EnterAsync(Actor actor, EntryRequest request, CancellationToken cancellationToken = default) =>
        Counted(request.Evidence.CheckReference() is { } invalid
            ? Task.FromResult<Result<EntryReceipt>>(invalid)
            : writer.WriteAsync(new StagedEntry(actor, request, BatchId: null), cancellationToken));

    /// <summary>Continuous provision to one company: the records share a batch id; each entry stands or falls alone.</summary>
    public async Task<IReadOnlyList<Result<EntryReceipt>>> EnterManyAsync(Actor actor, IReadOnlyList<EntryRequest> requests, CancellationToken cancellationToken = default)
    {
        var batchId = Guid.CreateVersion7(time.GetUtcNow());
        return await Task.WhenAll(requests.Select(r => Counted(r.Evidence.CheckReference() is { } invalid
            ? Task.FromResult<Result<EntryReceipt>>(invalid)
            : writer.WriteAsync(new StagedEntry(actor, r, batchId), cancellationToken))));
    }

    private static async Task<Result<EntryReceipt>> Counted(Task<Result<EntryReceipt>> writing)
    {
        var written = await writing;
        Telemetry.CustodianTelemetry.Entries.Add(1, new KeyValuePair<string, object?>("outcome", written.Succeeded ? "entered" : written.Failure!.Code));
        return written;
    }

    /// <summary>The candidate withdraws: nothing more is provided to that company, and the company is told.</summary>
    public async Task<Result<Guid>> WithdrawAsync(Actor actor, Guid entryId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entry = await db.Set<Entry>().FirstOrDefaultAsync(e => e.Id == entryId, cancellationToken);
        if (entry is null)
        {
            return Failure.NotFound("entry.unknown", "No entry has this id.");
        }

        if (entry.State == EntryState.Withdrawn)
        {
            return Failure.Conflict("entry.withdrawn", "This entry is already withdrawn.");
        }

        var audited = await WithdrawAsync(db, actor, [entry], EntryReasons.Withdrawn, cancellationToken);
        await audit.CommitAsync(db, audited, cancellationToken);
        return entry.Id;
    }

    /// <summary>
    /// Stages the withdrawal of <paramref name="entries"/> with a notice to each company; when none of the person's
    /// entries stays open, their consent to provision is withdrawn in the ledger as well.
    /// </summary>
    internal async Task<List<AuditEntry>> WithdrawAsync(CustodianDb db, Actor actor, IReadOnlyList<Entry> entries, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var audited = new List<AuditEntry>();
        foreach (var entry in entries)
        {
            entry.State = EntryState.Withdrawn;
            entry.WithdrawnAt = now.UtcDateTime;
            entry.WithdrawnReason = reason;
            db.Add(new CompanyNotice { Id = Guid.CreateVersion7(now), CompanyId = entry.CompanyId, EntryId = entry.Id, PersonId = entry.PersonId, Reason = reason, At = now.UtcDateTime });
            audited.Add(new(AuditEventType.EntryWithdrawn, actor.AuditName, PersonId: entry.PersonId, Purpose: ProvisionRules.ToUserCompany, Reason: reason, Subject: entry.Id.ToString()));
        }

        await notices.WithdrawnAsync(db, entries, reason, cancellationToken);
        foreach (var personId in entries.Select(e => e.PersonId).Distinct())
        {
            var withdrawing = entries.Where(e => e.PersonId == personId).Select(e => e.Id).ToList();
            var stillOpen = await db.Set<Entry>().AnyAsync(e => e.PersonId == personId && e.State == EntryState.Open && !withdrawing.Contains(e.Id), cancellationToken);
            var person = await db.Set<Person>().AsNoTracking().FirstAsync(p => p.Id == personId, cancellationToken);
            if (!stillOpen && await ConsentLedger.IsGivenAsync(db, personId, ProvisionRules.ToUserCompany, cancellationToken))
            {
                var policy = policies.Find(person.PolicyId)!;
                var line = ledger.Append(db, personId, ProvisionRules.ToUserCompany, given: false, policy.Id, policy.Version, new ConsentEvidence(reason));
                audited.Add(new(AuditEventType.ConsentWithdrawn, actor.AuditName, PersonId: personId, Purpose: ProvisionRules.ToUserCompany, Reason: reason, Subject: line.Id.ToString()));
            }
        }

        return audited;
    }
}

internal static class EntryReasons
{
    public const string Withdrawn = "withdrawn-by-person";
    public const string ProvisionStopped = "provision-stopped";
}
