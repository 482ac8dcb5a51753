using Custodian.Audit;
using Custodian.Gate;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Retention;

/// <summary>One rule's part of a run: its cut-off, and its disposal record, written with the first batch.</summary>
internal sealed class DisposalContext(AppliedRule rule, Actor actor, Guid runId, DateTime now, string method, int batchSize)
{
    public AppliedRule Rule => rule;
    public Actor Actor => actor;
    public DateTime Now => now;
    public DateTime Before { get; } = rule.Rule.Keep.Before(now);
    public int BatchSize => batchSize;
    public Guid RecordId { get; } = Guid.CreateVersion7(now);
    public int Disposed { get; private set; }

    /// <summary>The reason the vault and the chain record for what this rule disposes of.</summary>
    public string Reason => "retention." + rule.KindId;

    /// <summary>In the batch's transaction: counts the batch into the disposal record and returns the batch's event.</summary>
    public async Task<IReadOnlyList<AuditEntry>> RecordAsync(CustodianDb db, int count, CancellationToken cancellationToken)
    {
        if (count == 0)
        {
            return [];
        }

        if (Disposed == 0)
        {
            db.Add(new DisposalRecord
            {
                Id = RecordId, RunId = runId, At = now, Kind = rule.KindId, PolicyId = rule.PolicyId, PolicyVersion = rule.PolicyVersion,
                Keep = rule.Rule.Keep.ToString(), Basis = rule.Rule.Basis.ToString().ToLowerInvariant(), Before = Before, Method = method,
                Count = count, By = actor.AuditName,
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        else
        {
            await db.Set<DisposalRecord>().Where(r => r.Id == RecordId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Count, r => r.Count + count), cancellationToken);
        }

        Disposed += count;
        return [new AuditEntry(AuditEventType.RecordsDisposed, actor.AuditName, Reason: $"{rule.KindId}:{count}", Subject: RecordId.ToString())];
    }
}
