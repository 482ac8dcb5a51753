using System.Data.Common;
using System.Threading.Channels;
using Custodian.Audit;
using Custodian.Common;
using Custodian.Consent;
using Custodian.Gate;
using Custodian.Policy;
using Custodian.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Provision;

/// <summary>An entry as asked, waiting for its batch: checked against the rules there, then written or refused.</summary>
internal sealed record StagedEntry(Actor Actor, EntryRequest Request, Guid? BatchId);

/// <summary>What an accepted entry produced.</summary>
public sealed record EntryReceipt(Guid EntryId, Guid ProvisionRecordId, Guid ConsentRecordId);

/// <summary>
/// Checks and writes entries in group commits: concurrent entries share one read of their persons and companies, one
/// transaction and one fsync, each still all or nothing for the caller. Batches are pipelined: while one commits, the
/// next is read and checked against the rules. Whether a pair already holds an entry is read only once the batch before
/// has committed, so being the single writer settles concurrent entries for the same person and company: the first is
/// written, the others refused; across servers the unique index does the same.
/// </summary>
internal sealed partial class EntryWriter : IAsyncDisposable
{
    private const int MaxBatch = 256;
    private readonly IDbContextFactory<CustodianDb> _factory;
    private readonly PolicyStore _policies;
    private readonly AuditLog _audit;
    private readonly ConsentLedger _ledger;
    private readonly TimeProvider _time;
    private readonly Channel<Pending> _queue = System.Threading.Channels.Channel.CreateUnbounded<Pending>(new() { SingleReader = true });
    private readonly Task _loop;

    public EntryWriter(IDbContextFactory<CustodianDb> factory, PolicyStore policies, AuditLog audit, ConsentLedger ledger, TimeProvider time)
    {
        (_factory, _policies, _audit, _ledger, _time) = (factory, policies, audit, ledger, time);
        _loop = Task.Run(LoopAsync);
    }

    public static readonly Failure Exists = ProvisionRules.Refused("personId", "entry.exists", "The person already has an open entry for this company.");

    private static readonly Failure UnknownPerson = Failure.NotFound("person.unknown", "No person has this id.");

    public Task<Result<EntryReceipt>> WriteAsync(StagedEntry entry, CancellationToken cancellationToken)
    {
        var pending = new Pending(entry, new TaskCompletionSource<Result<EntryReceipt>>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The entry writer is shut down.");
        }

        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task LoopAsync()
    {
        var committing = Task.CompletedTask;
        while (await _queue.Reader.WaitToReadAsync())
        {
            var pending = new List<Pending>(MaxBatch);
            while (pending.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                pending.Add(next);
            }

            var batch = await ReadAsync(pending);
            await committing;
            committing = batch is null ? Task.CompletedTask : CommitAsync(batch);
        }

        await committing;
    }

    private async Task<Batch?> ReadAsync(List<Pending> pending)
    {
        try
        {
            return await Batch.ReadAsync(this, pending);
        }
        catch (Exception ex) when (ex is InvalidOperationException or DbException)
        {
            pending.ForEach(p => p.Done.TrySetException(ex));
            return null;
        }
    }

    private async Task CommitAsync(Batch batch)
    {
        await using (batch)
        {
            try
            {
                await batch.CommitAsync();
                return;
            }
            catch (Exception ex) when (batch.Pending.Count > 1 && IsUniqueViolation(ex))
            {
                // Another server wrote one of these pairs meanwhile: written one by one below, so only that entry is refused.
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or DbException)
            {
                batch.Pending.ForEach(p => p.Done.TrySetException(ex));
                return;
            }
        }

        foreach (var pending in batch.Pending)
        {
            await WriteAloneAsync(pending);
        }
    }

    private async Task WriteAloneAsync(Pending pending)
    {
        try
        {
            await using var batch = await Batch.ReadAsync(this, [pending]);
            await batch.CommitAsync();
        }
        catch (Exception ex) when (IsUniqueViolation(ex))
        {
            await _audit.RecordAsync(Refusal(pending.Entry, Exists.Code));
            pending.Done.TrySetResult(Exists);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or DbException)
        {
            pending.Done.TrySetException(ex);
        }
    }

    /// <summary>The one-entry-per-person-and-company index refused a row (SaveChanges wraps it, plain commands do not).</summary>
    private static bool IsUniqueViolation(Exception ex) =>
        (ex is DbUpdateException { InnerException: { } inner } ? inner : ex) switch
        {
            SqliteException { SqliteExtendedErrorCode: 2067 } => true,
            DbException { SqlState: "23505" } => true,
            _ => false,
        };

    internal static AuditEntry Refusal(StagedEntry e, string code) =>
        new(AuditEventType.EntryRefused, e.Actor.AuditName, AuditOutcome.Refused, e.Request.PersonId, ProvisionRules.ToUserCompany, Reason: code, Subject: e.Request.CompanyId.ToString());

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private sealed record Pending(StagedEntry Entry, TaskCompletionSource<Result<EntryReceipt>> Done);
}
