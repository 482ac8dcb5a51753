using Custodian.Audit;
using Custodian.Policy;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Retention;

/// <summary>Finds the records of one kind that a rule has expired, and disposes of them in batches.</summary>
internal interface IRecordDisposer
{
    RecordKind Kind { get; }

    /// <summary>How the records go, as the disposal record states it.</summary>
    string Method { get; }

    /// <summary>How many records the rule has expired at <paramref name="now"/>; changes nothing.</summary>
    Task<int> CountAsync(AppliedRule rule, DateTime now, CancellationToken cancellationToken);

    Task<int> DisposeAsync(DisposalContext context, CancellationToken cancellationToken);
}

/// <summary>
/// A disposer that selects expired rows by id and changes them a batch per transaction, each with its event and its
/// part of the disposal record. Rows it has disposed of no longer match, so a rerun after a crash picks up the rest.
/// </summary>
internal abstract class BatchDisposer(IDbContextFactory<CustodianDb> factory, AuditLog audit) : IRecordDisposer
{
    public abstract RecordKind Kind { get; }

    public abstract string Method { get; }

    /// <summary>The ids of the rows the rule has expired, as of <paramref name="before"/> and <paramref name="now"/>.</summary>
    protected abstract IQueryable<Guid> Expired(CustodianDb db, AppliedRule rule, DateTime before, DateTime now);

    /// <summary>Disposes of these rows in the open transaction; adds any events of its own; returns how many went.</summary>
    protected abstract Task<int> DisposeAsync(CustodianDb db, DisposalContext context, List<Guid> ids, List<AuditEntry> entries, CancellationToken cancellationToken);

    public async Task<int> CountAsync(AppliedRule rule, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await Expired(db, rule, rule.Rule.Keep.Before(now), now).CountAsync(cancellationToken);
    }

    public async Task<int> DisposeAsync(DisposalContext context, CancellationToken cancellationToken)
    {
        while (true)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var ids = await Expired(db, context.Rule, context.Before, context.Now).Take(context.BatchSize).ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                break;
            }

            var entries = new List<AuditEntry>();
            var count = 0;
            // The entries are chained after the write has run, so the write may fill them.
            await audit.CommitAsync(db, entries, async (d, ct) =>
            {
                count = await DisposeAsync(d, context, ids, entries, ct);
                entries.AddRange(await context.RecordAsync(d, count, ct));
            }, cancellationToken);
            await StorageMaintenance.CheckpointAsync(db, cancellationToken);
            if (count == 0 || ids.Count < context.BatchSize)
            {
                break;
            }
        }

        return context.Disposed;
    }
}
