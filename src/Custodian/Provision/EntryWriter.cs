using System.Data.Common;
using System.Threading.Channels;
using Custodian.Audit;
using Custodian.Common;
using Custodian.Consent;
using Custodian.Gate;
using Custodian.Policy;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Provision;

/// <summary>An entry as asked, waiting for its batch: checked against the rules there, then written or refused.</summary>
internal sealed record StagedEntry(Actor Actor, EntryRequest Request, Guid? BatchId);

/// <summary>What an accepted entry produced.</summary>
public sealed record EntryReceipt(Guid EntryId, Guid ProvisionRecordId, Guid ConsentRecordId);

/// <summary>
/// Checks and writes entries in group commits: concurrent entries share one read of their persons and companies, one
/// transaction and one fsync, each still all or nothing for the caller. Being the single writer also settles concurrent
/// entries for the same person and company: the first is written, the others refused; across servers the unique index
/// does the same.
/// </summary>
internal sealed class EntryWriter : IAsyncDisposable
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

    private static readonly Failure UnknownPerson = Failure.NotFound("person.unknown", "No person has this id.");

    public static readonly Failure Exists = ProvisionRules.Refused("personId", "entry.exists", "The person already has an open entry for this company.");

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
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                await WriteBatchAsync(batch);
            }
            catch (Exception ex) when (batch.Count > 1 && IsUniqueViolation(ex))
            {
                // Another server wrote one of these pairs meanwhile: write one by one so only that entry is refused.
                foreach (var pending in batch)
                {
                    await WriteAloneAsync(pending);
                }
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or DbException)
            {
                batch.ForEach(p => p.Done.TrySetException(ex));
            }
        }
    }

    private async Task WriteAloneAsync(Pending pending)
    {
        try
        {
            await WriteBatchAsync([pending]);
        }
        catch (Exception ex) when (IsUniqueViolation(ex))
        {
            var e = pending.Entry;
            await _audit.RecordAsync(Refusal(e, Exists.Code));
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

    private async Task WriteBatchAsync(List<Pending> batch)
    {
        await using var db = await _factory.CreateDbContextAsync();
        var personIds = batch.Select(p => p.Entry.Request.PersonId).Distinct().ToList();
        var companyIds = batch.Select(p => p.Entry.Request.CompanyId).Distinct().ToList();
        var persons = await db.Set<Person>().AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id);
        var companies = await db.Set<ClientCompany>().AsNoTracking().Where(c => companyIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id);
        var held = await db.Set<Entry>().AsNoTracking()
            .Where(e => personIds.Contains(e.PersonId) && companyIds.Contains(e.CompanyId))
            .ToDictionaryAsync(e => (e.PersonId, e.CompanyId));
        var now = _time.GetUtcNow();
        var rows = new Rows(batch.Count);
        var audit = new List<AuditEntry>(batch.Count * 2);
        var outcomes = new List<Result<EntryReceipt>>(batch.Count);
        var taken = new HashSet<(Guid, Guid)>();
        foreach (var pending in batch)
        {
            var e = pending.Entry;
            var (personId, companyId) = (e.Request.PersonId, e.Request.CompanyId);
            if (!persons.TryGetValue(personId, out var person) || !companies.TryGetValue(companyId, out var company))
            {
                outcomes.Add(person is null ? UnknownPerson : ClientCompanyRegistry.UnknownCompany);
                continue;
            }

            var policy = _policies.Find(person.PolicyId)!;
            var refusal = ProvisionRules.CheckEntry(e.Actor, person, company, policy, e.Request, now.UtcDateTime, out var items);
            var entry = held.GetValueOrDefault((personId, companyId));
            refusal ??= !taken.Add((personId, companyId)) || entry is { State: EntryState.Open } ? Exists : null;
            if (refusal is not null)
            {
                audit.Add(Refusal(e, refusal.Code));
                outcomes.Add(refusal);
                continue;
            }

            if (entry is not null)
            {
                // A withdrawn entry is opened again in place: the index allows one row per person and company.
                db.Attach(entry);
            }

            outcomes.Add(Stage(e, policy, items!, now, entry, rows, audit));
        }

        await _audit.CommitAsync(db, audit, rows.InsertAsync);
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Done.TrySetResult(outcomes[i]);
        }
    }

    private EntryReceipt Stage(StagedEntry e, PrivacyPolicy policy, IReadOnlyList<string> items, DateTimeOffset now, Entry? withdrawn, Rows rows, List<AuditEntry> audit)
    {
        var (personId, companyId) = (e.Request.PersonId, e.Request.CompanyId);
        var consent = _ledger.NewRecord(personId, ProvisionRules.ToUserCompany, given: true, policy.Id, policy.Version, e.Request.Evidence);
        var record = new ProvisionRecord
        {
            Id = Guid.CreateVersion7(now),
            PersonId = personId,
            RecipientKind = RecipientKinds.ClientCompany,
            CompanyId = companyId,
            Items = string.Join(',', items),
            Method = e.Request.Method!,
            ConsentRecordId = consent.Id,
            RequestedBy = e.Actor.AuditName,
            PolicyId = policy.Id,
            PolicyVersion = policy.Version,
            BatchId = e.BatchId,
            ProvidedAt = now.UtcDateTime,
            KeepUntil = ProvisionRecords.KeepUntil(now.UtcDateTime),
        };
        rows.Consents.Add(consent);
        rows.Records.Add(record);
        var entry = withdrawn ?? new Entry { Id = Guid.CreateVersion7(now), PersonId = personId, CompanyId = companyId };
        entry.State = EntryState.Open;
        entry.ConsentRecordId = consent.Id;
        entry.ProvisionRecordId = record.Id;
        entry.EnteredAt = now.UtcDateTime;
        entry.WithdrawnAt = null;
        entry.WithdrawnReason = null;
        if (withdrawn is null)
        {
            rows.Entries.Add(entry);
        }

        audit.Add(new(AuditEventType.ConsentGiven, e.Actor.AuditName, PersonId: personId, Purpose: ProvisionRules.ToUserCompany, Reason: e.Request.Evidence.Channel, Subject: consent.Id.ToString()));
        audit.Add(new(AuditEventType.EntryProvisionRecorded, e.Actor.AuditName, PersonId: personId, Purpose: ProvisionRules.ToUserCompany, Items: record.Items, Subject: record.Id.ToString()));
        return new EntryReceipt(entry.Id, record.Id, consent.Id);
    }

    /// <summary>A batch's new rows, written with plain commands in the audit transaction rather than tracked one by one.</summary>
    private sealed class Rows(int capacity)
    {
        public List<ConsentRecord> Consents { get; } = new(capacity);
        public List<ProvisionRecord> Records { get; } = new(capacity);
        public List<Entry> Entries { get; } = new(capacity);

        public async Task InsertAsync(CustodianDb db, CancellationToken cancellationToken)
        {
            await RowWriter.InsertAsync(db, Consents, cancellationToken);
            await RowWriter.InsertAsync(db, Records, cancellationToken);
            await RowWriter.InsertAsync(db, Entries, cancellationToken);
        }
    }

    internal static AuditEntry Refusal(StagedEntry e, string code) =>
        new(AuditEventType.EntryRefused, e.Actor.AuditName, AuditOutcome.Refused, e.Request.PersonId, ProvisionRules.ToUserCompany, Reason: code, Subject: e.Request.CompanyId.ToString());

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private sealed record Pending(StagedEntry Entry, TaskCompletionSource<Result<EntryReceipt>> Done);
}
