using Custodian.Audit;
using Custodian.Common;
using Custodian.Policy;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Gate;

/// <summary>
/// The one gate. Every use of personal data declares a purpose; the gate checks it against the policy and
/// runs every registered <see cref="IGateCheck"/>, records the audit event durably, and only then decrypts.
/// Refusals are audited too. A person erased after the checks is refused at the audit commit (<see cref="ErasureBarrier"/>).
/// </summary>
public sealed partial class PersonGate(
    IDbContextFactory<CustodianDb> factory, PolicyStore policies, VaultCrypto crypto, AuditLog audit,
    IEnumerable<IGateCheck> checks, IEnumerable<IGateViewFilter> filters, ReportingDatabase reporting, UseReasons reasons, TimeProvider time,
    IEnumerable<IGateUseRecord> recorders)
    : IDisposable
{
    private readonly IGateCheck[] _checks = checks.ToArray();
    private readonly IGateViewFilter[] _filters = filters.ToArray();
    private readonly IGateUseRecord[] _recorders = recorders.ToArray();
    // Not cached while it throws (a store down at the first read); a losing race builds a spare that opened nothing.
    private readonly Lazy<SqliteGateRows?> _sqliteRows = new(() =>
    {
        using var db = factory.CreateDbContext();
        return db.Database.IsSqlite() ? new SqliteGateRows(db) : null;
    }, LazyThreadSafetyMode.PublicationOnly);

    public async Task<Result<PersonView>> ReadAsync(Actor actor, Guid personId, string purpose, CancellationToken cancellationToken = default) =>
        await UseAsync(actor, personId, purpose, GateUse.Read, cancellationToken);

    public Task<Result<PersonView>> UseAsync(Actor actor, Guid personId, string purpose, GateUse use, CancellationToken cancellationToken = default) =>
        UseAsync(actor, personId, purpose, use, reason: null, cancellationToken);

    /// <summary>
    /// As above, saying why: a catch-all purpose is refused without <paramref name="reason"/>. The reason is stored sealed,
    /// in the same commit as the audit event, which names it by id only.
    /// </summary>
    public async Task<Result<PersonView>> UseAsync(Actor actor, Guid personId, string purpose, GateUse use, string? reason, CancellationToken cancellationToken = default)
    {
        using var span = StartSpan(use, "gate.use");
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var row = _sqliteRows.Value is { } sqlite ? sqlite.Read(personId) : await PersonWithKey(db, personId, cancellationToken);
        if (row is null)
        {
            Decided(span, use, null, "not-found", null);
            return Failure.NotFound("person.unknown", "No person has this id.");
        }

        var (person, key) = row.Value;
        var (request, refusal) = await CheckAsync(db, actor, person, purpose, use, cancellationToken, reason);
        var type = EventType(use);
        if (refusal is not null)
        {
            await audit.RecordAsync(new AuditEntry(type, actor.AuditName, AuditOutcome.Refused, personId, purpose, Reason: refusal.Code), cancellationToken);
            Decided(span, use, request, "refused", refusal.Code);
            return refusal;
        }

        var dataKey = key is null ? null : crypto.OpenKey(key);
        if (dataKey is null || person.Sealed is null)
        {
            throw new InvalidOperationException($"Person {personId} has no usable data key.");
        }

        if (!await RecordUseAsync(db, request!, type, cancellationToken))
        {
            Decided(span, use, request, "refused", ErasureBarrier.Erased.Code);
            return ErasureBarrier.Erased;
        }

        Decided(span, use, request, "allowed", null);

        var items = VaultCrypto.Open(personId, dataKey, person.Sealed)
            ?? throw new InvalidOperationException($"Person {personId}'s items do not open with their key.");
        IReadOnlyDictionary<string, string> view = request!.Items.Where(items.ContainsKey).ToDictionary(id => id, id => items[id]);
        foreach (var filter in _filters)
        {
            view = filter.Filter(request, view);
        }

        return new PersonView(person.Id, person.PolicyId, person.PolicyVersion, person.Channel, person.State, person.RegisteredAt, purpose, view);
    }

    /// <summary>Records an allowed use durably; false when it was chained refused (the person erased since the checks).</summary>
    private async Task<bool> RecordUseAsync(CustodianDb db, GateRequest request, AuditEventType type, CancellationToken cancellationToken)
    {
        var (actor, personId) = (request.Actor, request.Person.Id);
        var items = string.Join(',', request.Items);
        var now = time.GetUtcNow();
        var records = GateUseRecords.For(_recorders, request, now.UtcDateTime);
        if (string.IsNullOrWhiteSpace(request.Reason) && records is null)
        {
            return await audit.RecordAsync(new AuditEntry(type, actor.AuditName, AuditOutcome.Allowed, personId, request.Purpose.Id, items), cancellationToken)
                == AuditOutcome.Allowed;
        }

        string? subject = null;
        if (!string.IsNullOrWhiteSpace(request.Reason))
        {
            var id = Guid.CreateVersion7(now);
            db.Add(reasons.New(id, personId, request.Purpose.Id, actor.AuditName, now.UtcDateTime, request.Reason.Trim()));
            subject = UseReasons.SubjectPrefix + id;
        }

        var erased = await audit.CommitAsync(
            db, [new AuditEntry(type, actor.AuditName, AuditOutcome.Allowed, personId, request.Purpose.Id, items, Subject: subject)],
            (tx, ct) => GateUseRecords.WriteAsync(tx, records ?? [], ct), cancellationToken);
        return !erased.Contains(personId);
    }

    private async Task<(GateRequest? Request, Failure? Refusal)> CheckAsync(
        CustodianDb db, Actor actor, Person person, string purpose, GateUse use, CancellationToken cancellationToken, string? reason = null)
    {
        var policy = policies.Find(person.PolicyId);
        var policyPurpose = policy?.FindPurpose(purpose);
        if (policyPurpose is null)
        {
            return (null, Failure.Invalid("purpose", "purpose.unknown", $"'{Truncate(purpose)}' is not a purpose of use in policy {person.PolicyId}."));
        }

        var held = person.ItemIds.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var request = new GateRequest(actor, person, policy!, policyPurpose, use, policyPurpose.Items.Where(held.Contains).ToList(), reason);
        foreach (var check in _checks)
        {
            if (await check.CheckAsync(request, db, cancellationToken) is { } failure)
            {
                return (request, failure);
            }
        }

        return (request, null);
    }

    // One round trip for the person and their wrapped key, the key as its bytes only: materialising it as a second entity
    // cost a tenth of a gated read's CPU. Compiled once per model: this is the hot path of every read.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IModel, Func<CustodianDb, Guid, CancellationToken, Task<PersonRow?>>> Compiled = [];

    private static async Task<(Person Person, PersonKey? Key)?> PersonWithKey(CustodianDb db, Guid personId, CancellationToken cancellationToken) =>
        await Compiled.GetValue(db.Model, static _ => EF.CompileAsyncQuery((CustodianDb d, Guid id, CancellationToken ct) => (
                from p in d.Set<Person>().AsNoTracking()
                where p.Id == id
                join k in d.Set<PersonKey>().AsNoTracking() on p.Id equals k.PersonId into keys
                from k in keys.DefaultIfEmpty()
                select new PersonRow(p, k == null ? null : k.KeyId, k == null ? null : k.Wrapped))
            .FirstOrDefault()))(db, personId, cancellationToken) is { } row
            ? (row.Person, row.Wrapped is null ? null : new PersonKey { PersonId = personId, KeyId = row.KeyId!, Wrapped = row.Wrapped })
            : null;

    private sealed record PersonRow(Person Person, string? KeyId, byte[]? Wrapped);

    public void Dispose()
    {
        if (_sqliteRows.IsValueCreated)
        {
            _sqliteRows.Value?.Dispose();
        }
    }

    private static AuditEventType EventType(GateUse use) => use switch
    {
        GateUse.Provide or GateUse.ProvideOnGround => AuditEventType.PersonProvided,
        GateUse.Release => AuditEventType.PersonReleased,
        GateUse.Disclose => AuditEventType.PersonDisclosed,
        GateUse.Export => AuditEventType.PersonExported,
        _ => AuditEventType.PersonRead,
    };

    // A purpose comes from the caller: keep what is echoed back short.
    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
