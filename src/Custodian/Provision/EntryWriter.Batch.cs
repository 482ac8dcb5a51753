using Custodian.Audit;
using Custodian.Common;
using Custodian.Consent;
using Custodian.Policy;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Provision;

internal sealed partial class EntryWriter
{
    /// <summary>
    /// One group commit. Read and checked first: its persons and companies in one query each, every rule. Then, once
    /// the batch before it has committed: the entries its pairs already hold, and the write.
    /// </summary>
    private sealed class Batch : IAsyncDisposable
    {
        private readonly EntryWriter _writer;
        private readonly CustodianDb _db;
        private readonly Result<EntryReceipt>?[] _outcomes;
        private readonly (PrivacyPolicy Policy, IReadOnlyList<string> Items)?[] _passed;
        private readonly List<AuditEntry> _audit;
        private readonly DateTimeOffset _now;
        private readonly List<Guid> _personIds;
        private readonly List<Guid> _companyIds;

        private Batch(EntryWriter writer, CustodianDb db, List<Pending> pending)
        {
            (_writer, _db, Pending) = (writer, db, pending);
            _personIds = pending.Select(p => p.Entry.Request.PersonId).Distinct().ToList();
            _companyIds = pending.Select(p => p.Entry.Request.CompanyId).Distinct().ToList();
            _outcomes = new Result<EntryReceipt>?[pending.Count];
            _passed = new (PrivacyPolicy, IReadOnlyList<string>)?[pending.Count];
            _audit = new List<AuditEntry>(pending.Count * 2);
            _now = writer._time.GetUtcNow();
        }

        public List<Pending> Pending { get; }

        public static async Task<Batch> ReadAsync(EntryWriter writer, List<Pending> pending)
        {
            var batch = new Batch(writer, await writer._factory.CreateDbContextAsync(), pending);
            try
            {
                await batch.CheckAsync();
                return batch;
            }
            catch
            {
                await batch.DisposeAsync();
                throw;
            }
        }

        private async Task CheckAsync()
        {
            var persons = await _db.Set<Person>().AsNoTracking().Where(p => _personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id);
            var companies = await _db.Set<ClientCompany>().AsNoTracking().Where(c => _companyIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id);
            for (var i = 0; i < Pending.Count; i++)
            {
                var e = Pending[i].Entry;
                if (!persons.TryGetValue(e.Request.PersonId, out var person) || !companies.TryGetValue(e.Request.CompanyId, out var company))
                {
                    _outcomes[i] = person is null ? UnknownPerson : ClientCompanyRegistry.UnknownCompany;
                    continue;
                }

                var policy = _writer._policies.Find(person.PolicyId)!;
                var refusal = ProvisionRules.CheckEntry(e.Actor, person, company, policy, e.Request, _now.UtcDateTime, out var items);
                if (refusal is not null)
                {
                    Refuse(i, refusal);
                    continue;
                }

                _passed[i] = (policy, items!);
            }
        }

        public async Task CommitAsync()
        {
            var held = await _db.Set<Entry>().AsNoTracking()
                .Where(e => _personIds.Contains(e.PersonId) && _companyIds.Contains(e.CompanyId))
                .ToDictionaryAsync(e => (e.PersonId, e.CompanyId));
            var rows = new Rows(Pending.Count);
            var taken = new HashSet<(Guid, Guid)>();
            for (var i = 0; i < Pending.Count; i++)
            {
                if (_passed[i] is not var (policy, items))
                {
                    continue;
                }

                var e = Pending[i].Entry;
                var pair = (e.Request.PersonId, e.Request.CompanyId);
                var entry = held.GetValueOrDefault(pair);
                if (!taken.Add(pair) || entry is { State: EntryState.Open })
                {
                    Refuse(i, Exists);
                    continue;
                }

                if (entry is not null)
                {
                    // A withdrawn entry is opened again in place: the index allows one row per person and company.
                    _db.Attach(entry);
                }

                _outcomes[i] = Stage(e, policy, items, entry, rows);
            }

            await _writer._audit.CommitAsync(_db, _audit, rows.InsertAsync);
            for (var i = 0; i < Pending.Count; i++)
            {
                Pending[i].Done.TrySetResult(_outcomes[i]!.Value);
            }
        }

        private void Refuse(int i, Failure refusal)
        {
            _audit.Add(Refusal(Pending[i].Entry, refusal.Code));
            _outcomes[i] = refusal;
        }

        private EntryReceipt Stage(StagedEntry e, PrivacyPolicy policy, IReadOnlyList<string> items, Entry? withdrawn, Rows rows)
        {
            var (personId, companyId) = (e.Request.PersonId, e.Request.CompanyId);
            var consent = _writer._ledger.NewRecord(personId, ProvisionRules.ToUserCompany, given: true, policy.Id, policy.Version, e.Request.Evidence);
            var record = new ProvisionRecord
            {
                Id = Guid.CreateVersion7(_now),
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
                ProvidedAt = _now.UtcDateTime,
                KeepUntil = ProvisionRecords.KeepUntil(_now.UtcDateTime),
            };
            rows.Consents.Add(consent);
            rows.Records.Add(record);
            var entry = withdrawn ?? new Entry { Id = Guid.CreateVersion7(_now), PersonId = personId, CompanyId = companyId };
            entry.State = EntryState.Open;
            entry.ConsentRecordId = consent.Id;
            entry.ProvisionRecordId = record.Id;
            entry.EnteredAt = _now.UtcDateTime;
            entry.WithdrawnAt = null;
            entry.WithdrawnReason = null;
            if (withdrawn is null)
            {
                rows.Entries.Add(entry);
            }

            _audit.Add(new(AuditEventType.ConsentGiven, e.Actor.AuditName, PersonId: personId, Purpose: ProvisionRules.ToUserCompany, Reason: e.Request.Evidence.Channel, Subject: consent.Id.ToString()));
            _audit.Add(new(AuditEventType.EntryProvisionRecorded, e.Actor.AuditName, PersonId: personId, Purpose: ProvisionRules.ToUserCompany, Items: record.Items, Subject: record.Id.ToString()));
            return new EntryReceipt(entry.Id, record.Id, consent.Id);
        }

        public ValueTask DisposeAsync() => _db.DisposeAsync();
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
}
