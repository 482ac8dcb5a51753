using Custodian.Anonymization;
using Custodian.Audit;
using Custodian.Consent;
using Custodian.Policy;
using Custodian.PrivacyCentre;
using Custodian.Provision;
using Custodian.Staff;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Retention;

/// <summary>Cookie choices, counted from the choice; the rows are deleted.</summary>
internal sealed class CookieChoicesDisposer(IDbContextFactory<CustodianDb> factory, AuditLog audit) : BatchDisposer(factory, audit)
{
    public override RecordKind Kind => RecordKind.CookieChoices;

    public override string Method => "rows deleted";

    protected override IQueryable<Guid> Expired(CustodianDb db, AppliedRule rule, DateTime before, DateTime now) =>
        db.Set<CookieChoice>().Where(c => c.PolicyId == rule.PolicyId && c.At <= before).OrderBy(c => c.Id).Select(c => c.Id);

    protected override Task<int> DisposeAsync(CustodianDb db, DisposalContext context, List<Guid> ids, List<AuditEntry> entries, CancellationToken cancellationToken) =>
        db.Set<CookieChoice>().Where(c => ids.Contains(c.Id)).ExecuteDeleteAsync(cancellationToken);
}

/// <summary>
/// Consent lines of erased persons, counted from the erasure. A line that a provision record or an entry names is the
/// fact of consent that record proves, and stays while the record does.
/// </summary>
internal sealed class ConsentLinesDisposer(IDbContextFactory<CustodianDb> factory, AuditLog audit) : BatchDisposer(factory, audit)
{
    public override RecordKind Kind => RecordKind.ConsentLines;

    public override string Method => "rows deleted";

    protected override IQueryable<Guid> Expired(CustodianDb db, AppliedRule rule, DateTime before, DateTime now) =>
        from c in db.Set<ConsentRecord>()
        join p in db.Set<Person>() on c.PersonId equals p.Id
        where c.PolicyId == rule.PolicyId && p.State == PersonState.Erased && p.UpdatedAt <= before
            && !db.Set<ProvisionRecord>().Any(r => r.ConsentRecordId == c.Id)
            && !db.Set<Entry>().Any(e => e.ConsentRecordId == c.Id)
        orderby c.Id
        select c.Id;

    protected override Task<int> DisposeAsync(CustodianDb db, DisposalContext context, List<Guid> ids, List<AuditEntry> entries, CancellationToken cancellationToken) =>
        db.Set<ConsentRecord>().Where(c => ids.Contains(c.Id)).ExecuteDeleteAsync(cancellationToken);
}

/// <summary>Provision records (APPI Art. 29) and their receipts, counted from the provision and never before the keep-until date.</summary>
internal sealed class ProvisionRecordsDisposer(IDbContextFactory<CustodianDb> factory, AuditLog audit) : BatchDisposer(factory, audit)
{
    public override RecordKind Kind => RecordKind.ProvisionRecords;

    public override string Method => "records and their receipts deleted";

    protected override IQueryable<Guid> Expired(CustodianDb db, AppliedRule rule, DateTime before, DateTime now) =>
        db.Set<ProvisionRecord>().Where(r => r.PolicyId == rule.PolicyId && r.ProvidedAt <= before && r.KeepUntil <= now).OrderBy(r => r.Id).Select(r => r.Id);

    protected override async Task<int> DisposeAsync(CustodianDb db, DisposalContext context, List<Guid> ids, List<AuditEntry> entries, CancellationToken cancellationToken)
    {
        await db.Set<ProvisionReceipt>().Where(r => ids.Contains(r.ProvisionRecordId)).ExecuteDeleteAsync(cancellationToken);
        return await db.Set<ProvisionRecord>().Where(r => ids.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
    }
}

/// <summary>Releases of anonymized processed information: the released rows and the processing method go; the report and the publication stay.</summary>
internal sealed class ReleasesDisposer(IDbContextFactory<CustodianDb> factory, AuditLog audit) : BatchDisposer(factory, audit)
{
    public override RecordKind Kind => RecordKind.Releases;

    public override string Method => "released rows and processing method deleted; report and publication kept";

    protected override IQueryable<Guid> Expired(CustodianDb db, AppliedRule rule, DateTime before, DateTime now) =>
        db.Set<AnonymizedRelease>()
            .Where(r => r.PolicyId == rule.PolicyId && r.CreatedAt <= before
                && (db.Set<ReleasedData>().Any(d => d.ReleaseId == r.Id) || db.Set<ProcessingMethod>().Any(m => m.ReleaseId == r.Id)))
            .OrderBy(r => r.Id).Select(r => r.Id);

    protected override async Task<int> DisposeAsync(CustodianDb db, DisposalContext context, List<Guid> ids, List<AuditEntry> entries, CancellationToken cancellationToken)
    {
        await db.Set<ProcessingMethod>().Where(m => ids.Contains(m.ReleaseId)).ExecuteDeleteAsync(cancellationToken);
        await db.Set<ReleasedData>().Where(d => ids.Contains(d.ReleaseId)).ExecuteDeleteAsync(cancellationToken);
        return ids.Count;
    }
}

/// <summary>Console sessions, counted from their end or last use; the rows are deleted.</summary>
internal sealed class SessionsDisposer(IDbContextFactory<CustodianDb> factory, AuditLog audit) : BatchDisposer(factory, audit)
{
    public override RecordKind Kind => RecordKind.Sessions;

    public override string Method => "rows deleted";

    protected override IQueryable<Guid> Expired(CustodianDb db, AppliedRule rule, DateTime before, DateTime now) =>
        db.Set<StaffSession>().Where(s => (s.EndedAt ?? s.LastSeenAt) <= before).OrderBy(s => s.Id).Select(s => s.Id);

    protected override Task<int> DisposeAsync(CustodianDb db, DisposalContext context, List<Guid> ids, List<AuditEntry> entries, CancellationToken cancellationToken) =>
        db.Set<StaffSession>().Where(s => ids.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken);
}

/// <summary>Audit events, counted from the event: pruned behind a signed start (<see cref="AuditPruning"/>).</summary>
internal sealed class AuditEventsDisposer(AuditPruning pruning) : IRecordDisposer
{
    public RecordKind Kind => RecordKind.AuditEvents;

    public string Method => "pruned behind a signed checkpoint that became the chain's start";

    public Task<int> CountAsync(AppliedRule rule, DateTime now, CancellationToken cancellationToken) =>
        pruning.CountAsync(rule.Rule.Keep.Before(now), cancellationToken);

    public async Task<int> DisposeAsync(DisposalContext context, CancellationToken cancellationToken)
    {
        await pruning.PruneAsync(context.Actor, context.Before, (d, pruned, ct) => context.RecordAsync(d, pruned.Count, ct), cancellationToken);
        return context.Disposed;
    }
}
