using Custodian.Audit;
using Custodian.Policy;
using Custodian.Requests;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Retention;

/// <summary>Disclosure Request Forms of concluded requests: the form's key and the sealed form are deleted, the request stays.</summary>
internal sealed class RequestFormsDisposer(IDbContextFactory<CustodianDb> factory, AuditLog audit) : BatchDisposer(factory, audit)
{
    public override RecordKind Kind => RecordKind.RequestForms;

    public override string Method => "the form's key and the sealed form deleted";

    protected override IQueryable<Guid> Expired(CustodianDb db, AppliedRule rule, DateTime before, DateTime now) =>
        db.Set<DataRequest>()
            .Where(r => r.PolicyId == rule.PolicyId && r.SealedForm != null && (r.ClosedAt ?? r.RespondedAt) <= before)
            .OrderBy(r => r.Id).Select(r => r.Id);

    protected override async Task<int> DisposeAsync(CustodianDb db, DisposalContext context, List<Guid> ids, List<AuditEntry> entries, CancellationToken cancellationToken)
    {
        var requests = await db.Set<DataRequest>().Where(r => ids.Contains(r.Id) && r.SealedForm != null).ToListAsync(cancellationToken);
        foreach (var request in requests)
        {
            request.DisposeForm(context.Now);
            entries.Add(RequestRecords.Entry(AuditEventType.RequestFormDisposed, context.Actor, request, context.Reason));
        }

        await db.SaveChangesAsync(cancellationToken);
        return requests.Count;
    }
}

/// <summary>
/// Identity documents still held: verification disposes of them at once, so these belong to requests that ended
/// without it. Counted from the document's review, or from its request's conclusion if it was never reviewed.
/// </summary>
internal sealed class IdentityDocumentsDisposer(IDbContextFactory<CustodianDb> factory, AuditLog audit) : BatchDisposer(factory, audit)
{
    public override RecordKind Kind => RecordKind.IdentityDocuments;

    public override string Method => "the sealed document deleted";

    protected override IQueryable<Guid> Expired(CustodianDb db, AppliedRule rule, DateTime before, DateTime now) =>
        from d in db.Set<RequestDocument>()
        join r in db.Set<DataRequest>() on d.RequestId equals r.Id
        where r.PolicyId == rule.PolicyId && d.Sealed != null && (d.ReviewedAt <= before || (r.ClosedAt ?? r.RespondedAt) <= before)
        orderby d.Id
        select d.Id;

    protected override async Task<int> DisposeAsync(CustodianDb db, DisposalContext context, List<Guid> ids, List<AuditEntry> entries, CancellationToken cancellationToken)
    {
        var documents = await db.Set<RequestDocument>().Where(d => ids.Contains(d.Id) && d.Sealed != null).ToListAsync(cancellationToken);
        documents.ForEach(d => RequestDocuments.Dispose(d, context.Now));
        var requestIds = documents.Select(d => d.RequestId).Distinct().ToList();
        var requests = await db.Set<DataRequest>().Where(r => requestIds.Contains(r.Id)).ToListAsync(cancellationToken);
        entries.AddRange(requests.Select(r =>
            RequestRecords.Entry(AuditEventType.RequestDocumentsDisposed, context.Actor, r, $"{context.Reason}:{documents.Count(d => d.RequestId == r.Id)}")));
        await db.SaveChangesAsync(cancellationToken);
        return documents.Count;
    }
}
