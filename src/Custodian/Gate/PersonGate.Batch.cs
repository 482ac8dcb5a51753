using Custodian.Audit;
using Custodian.Common;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Gate;

/// <summary>What a use of every person of a policy came to: how many were used, and why the others were refused.</summary>
public sealed record GateBatchOutcome(int Allowed, IReadOnlyDictionary<string, int> Refused)
{
    public int RefusedCount => Refused.Values.Sum();
}

public sealed partial class PersonGate
{
    private const int BatchSize = 2000;

    /// <summary>
    /// Uses every person held under <paramref name="policyId"/> for one purpose, with the same checks as
    /// <see cref="UseAsync"/>. A refused person is left out and counted. Each batch's audit events (one per person,
    /// naming <paramref name="subject"/>) are committed together, before any of that batch is decrypted; a person erased
    /// after their checks is refused there (<see cref="ErasureBarrier"/>) and counted as <c>person.erased</c>.
    /// </summary>
    public async Task<Result<GateBatchOutcome>> UseAllAsync(
        Actor actor, string policyId, string purpose, GateUse use, string subject, Action<PersonView> take, CancellationToken cancellationToken = default) =>
        await UseAllAsync(actor, policyId, purpose, use, subject, take, fromReplica: false, cancellationToken);

    /// <summary>
    /// As above; <paramref name="fromReplica"/> streams the persons from the read replica when one can answer as the
    /// primary would (a report's counts). The checks, the erasure barrier and the audit stay on the primary.
    /// </summary>
    public Task<Result<GateBatchOutcome>> UseAllAsync(
        Actor actor, string policyId, string purpose, GateUse use, string subject, Action<PersonView> take, bool fromReplica, CancellationToken cancellationToken) =>
        UseAllAsync(actor, policyId, purpose, use, subject, reason: null, take, fromReplica, cancellationToken);

    /// <summary>
    /// As above, saying why, as <see cref="UseAsync(Actor, Guid, string, GateUse, string?, CancellationToken)"/> does for one person:
    /// a catch-all purpose is refused for every person without <paramref name="reason"/>. Each person's use keeps the reason
    /// sealed under its own id, committed with that use's audit event, whose subject names it before <paramref name="subject"/>.
    /// </summary>
    public async Task<Result<GateBatchOutcome>> UseAllAsync(
        Actor actor, string policyId, string purpose, GateUse use, string subject, string? reason, Action<PersonView> take, bool fromReplica,
        CancellationToken cancellationToken)
    {
        var policy = policies.Find(policyId);
        if (policy is null)
        {
            return Failure.Invalid("policyId", "policy.unknown", "No policy has this id.");
        }

        if (policy.FindPurpose(purpose) is not { } known)
        {
            return Failure.Invalid("purpose", "purpose.unknown", $"'{Truncate(purpose)}' is not a purpose of use in policy {policyId}.");
        }

        // Refused once, not once per person: the same reason (or its lack) holds for them all.
        if (CatchAllReasonCheck.Refusal(known, use, reason) is { } unreasoned)
        {
            return unreasoned;
        }

        using var span = StartSpan(use, "gate.use-all");
        // The persons are streamed on one context while the checks and the audit use others (no MARS on PostgreSQL).
        await using var readDb = fromReplica ? await reporting.CreateDbContextAsync(cancellationToken) : await factory.CreateDbContextAsync(cancellationToken);
        await using var checkDb = await factory.CreateDbContextAsync(cancellationToken);
        var rows = (
                from p in readDb.Set<Person>().AsNoTracking()
                where p.PolicyId == policyId
                join k in readDb.Set<PersonKey>().AsNoTracking() on p.Id equals k.PersonId into keys
                from k in keys.DefaultIfEmpty()
                select new { Person = p, Key = k })
            .AsAsyncEnumerable();

        var allowed = 0;
        var refused = new Dictionary<string, int>(StringComparer.Ordinal);
        var batch = new List<(GateRequest Request, PersonKey? Key)>(BatchSize);
        var entries = new List<AuditEntry>(BatchSize);
        var records = new List<(Guid PersonId, object Row)>();
        var type = EventType(use);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var (request, refusal) = await CheckAsync(checkDb, actor, row.Person, purpose, use, cancellationToken, reason);
            if (refusal is not null)
            {
                refused[refusal.Code] = refused.GetValueOrDefault(refusal.Code) + 1;
                entries.Add(new AuditEntry(type, actor.AuditName, AuditOutcome.Refused, row.Person.Id, purpose, Reason: refusal.Code, Subject: subject));
            }
            else
            {
                var now = time.GetUtcNow();
                var used = subject;
                if (!string.IsNullOrWhiteSpace(reason))
                {
                    var id = Guid.CreateVersion7(now);
                    records.Add((row.Person.Id, reasons.New(id, row.Person.Id, request!.Purpose.Id, actor.AuditName, now.UtcDateTime, reason.Trim())));
                    used = $"{UseReasons.SubjectPrefix}{id} {subject}";
                }

                batch.Add((request!, row.Key));
                entries.Add(new AuditEntry(type, actor.AuditName, AuditOutcome.Allowed, row.Person.Id, purpose, string.Join(',', request!.Items), Subject: used));
                if (GateUseRecords.For(_recorders, request, now.UtcDateTime) is { } kept)
                {
                    records.AddRange(kept);
                }
            }

            if (entries.Count >= BatchSize)
            {
                allowed += await ReleaseBatchAsync(batch, entries, records, refused, take, cancellationToken);
            }
        }

        allowed += await ReleaseBatchAsync(batch, entries, records, refused, take, cancellationToken);
        Decided(span, use, known.Id, "allowed", null, allowed);
        foreach (var (code, count) in refused)
        {
            Decided(null, use, known.Id, "refused", code, count);
        }

        return new GateBatchOutcome(allowed, refused);
    }

    private async Task<int> ReleaseBatchAsync(
        List<(GateRequest Request, PersonKey? Key)> batch, List<AuditEntry> entries, List<(Guid PersonId, object Row)> records, Dictionary<string, int> refused,
        Action<PersonView> take, CancellationToken cancellationToken)
    {
        var erased = ErasureBarrier.None;
        if (entries.Count > 0)
        {
            await using var auditDb = await factory.CreateDbContextAsync(cancellationToken);
            erased = await audit.CommitAsync(auditDb, entries, (tx, ct) => GateUseRecords.WriteAsync(tx, records, ct), cancellationToken);
            records.Clear();
        }

        var count = 0;
        foreach (var (request, key) in batch)
        {
            var person = request.Person;
            if (erased.Contains(person.Id))
            {
                refused[ErasureBarrier.Erased.Code] = refused.GetValueOrDefault(ErasureBarrier.Erased.Code) + 1;
                continue;
            }

            count++;
            var dataKey = (key is null ? null : crypto.OpenKey(key))
                ?? throw new InvalidOperationException($"Person {person.Id} has no usable data key.");
            var items = VaultCrypto.Open(person.Id, dataKey, person.Sealed!)
                ?? throw new InvalidOperationException($"Person {person.Id}'s items do not open with their key.");
            IReadOnlyDictionary<string, string> view = request.Items.Where(items.ContainsKey).ToDictionary(id => id, id => items[id]);
            foreach (var filter in _filters)
            {
                view = filter.Filter(request, view);
            }

            take(new PersonView(person.Id, person.PolicyId, person.PolicyVersion, person.Channel, person.State, person.RegisteredAt, request.Purpose.Id, view));
        }

        batch.Clear();
        entries.Clear();
        return count;
    }
}
