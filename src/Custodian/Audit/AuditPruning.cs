using Custodian.Gate;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Audit;

/// <summary>What a prune removed: the events up to <see cref="Through"/> (the chain's new signed start).</summary>
public sealed record AuditPrune(int Count, long Through);

/// <summary>
/// Removes the oldest events behind a signed start. In one transaction under the chain's lock: the last event at or
/// before the cut-off is signed as the new start, it and everything before it (with their checkpoints) are deleted, and
/// an <see cref="AuditEventType.AuditChainPruned"/> event is appended, so the head is never pruned.
/// </summary>
public sealed class AuditPruning(IDbContextFactory<Storage.CustodianDb> factory, AuditLog audit, AuditCheckpoints checkpoints, TimeProvider time)
{
    /// <summary>How many events would go with a cut-off of <paramref name="before"/>.</summary>
    public async Task<int> CountAsync(DateTime before, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Set<AuditEvent>().CountAsync(e => e.At <= before, cancellationToken);
    }

    public async Task<AuditPrune> PruneAsync(Actor actor, DateTime before, Func<Storage.CustodianDb, AuditPrune, CancellationToken, Task<IReadOnlyList<AuditEntry>>>? with = null, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entries = new List<AuditEntry>();
        var pruned = new AuditPrune(0, 0);
        // The entries are chained after the write has run, so the write may fill them.
        await audit.CommitAsync(db, entries, async (d, ct) =>
        {
            var head = await d.Set<AuditEvent>().MaxAsync(e => (long?)e.Seq, ct) ?? 0;
            var cut = await d.Set<AuditEvent>().Where(e => e.At <= before && e.Seq < head).MaxAsync(e => (long?)e.Seq, ct);
            if (cut is not { } through)
            {
                return;
            }

            var hash = await d.Set<AuditEvent>().Where(e => e.Seq == through).Select(e => e.Hash).SingleAsync(ct);
            var start = await d.Set<AuditChainStart>().FirstOrDefaultAsync(ct);
            if (start is null)
            {
                d.Add(start = new AuditChainStart());
            }

            start.Seq = through;
            start.Hash = hash;
            start.At = time.GetUtcNow().UtcDateTime;
            start.Signature = checkpoints.SignStart(through, hash);
            await d.SaveChangesAsync(ct);
            var count = await d.Set<AuditEvent>().Where(e => e.Seq <= through).ExecuteDeleteAsync(ct);
            await d.Set<AuditCheckpoint>().Where(c => c.Seq <= through).ExecuteDeleteAsync(ct);
            pruned = new AuditPrune(count, through);
            entries.Add(new AuditEntry(AuditEventType.AuditChainPruned, actor.AuditName, Reason: $"pruned:{count}", Subject: $"start:{through}"));
            if (with is not null)
            {
                entries.AddRange(await with(d, pruned, ct));
            }
        }, cancellationToken);
        if (pruned.Count > 0)
        {
            await Storage.StorageMaintenance.CheckpointAsync(db, cancellationToken);
        }

        return pruned;
    }
}
