using Custodian.Audit;
using Custodian.Common;
using Custodian.Consent;
using Custodian.Gate;
using Custodian.Policy;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Vault;

/// <summary>Registers, corrects and erases persons. Writes only: every read goes through <see cref="PersonGate"/>.</summary>
public sealed class PersonVault(
    IDbContextFactory<CustodianDb> factory, PolicyStore policies, VaultCrypto crypto, Enrolment enrolment, AuditLog audit, TimeProvider time,
    ErasureLedger ledger, IEnumerable<IErasureParticipant> participants)
{
    private readonly IErasureParticipant[] _participants = participants.ToArray();

    public Task<Result<Guid>> RegisterAsync(Actor actor, Registration registration, CancellationToken cancellationToken = default) =>
        RegisterAsync(actor, registration, static (_, _) => [], cancellationToken);

    /// <summary>
    /// Registers the person and, in the same transaction, what <paramref name="with"/> adds for them: rows it tracks on
    /// the context and the audit entries it returns. Either all of it is written or none.
    /// </summary>
    public async Task<Result<Guid>> RegisterAsync(
        Actor actor, Registration registration, Func<CustodianDb, Guid, IReadOnlyList<AuditEntry>> with, CancellationToken cancellationToken = default)
    {
        var enrolled = enrolment.Prepare(registration);
        if (!enrolled.Succeeded)
        {
            return enrolled.Failure!;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var person = enrolled.Value!.Person;
        List<AuditEntry> entries = [Registered(actor, person), .. with(db, person.Id)];
        await audit.CommitAsync(db, entries, (d, ct) => Enrolment.WriteAsync(d, [enrolled.Value], ct), cancellationToken);
        return person.Id;
    }

    /// <summary>Registers many persons in one transaction; a batch with an invalid row is refused whole.</summary>
    public async Task<Result<int>> RegisterManyAsync(Actor actor, IReadOnlyList<Registration> batch, CancellationToken cancellationToken = default)
    {
        var prepared = batch.AsParallel().AsOrdered().Select(enrolment.Prepare).ToList();
        var bad = prepared.FindIndex(p => !p.Succeeded);
        if (bad >= 0)
        {
            var failure = prepared[bad].Failure!;
            return failure with { Field = $"[{bad}].{failure.Field}" };
        }

        await RegisterManyAsync(actor, prepared.ConvertAll(p => p.Value!), cancellationToken);
        return batch.Count;
    }

    /// <summary>Writes persons prepared by <see cref="Enrolment.Prepare"/> (on every core, before any write) in one transaction.</summary>
    public Task RegisterManyAsync(Actor actor, IReadOnlyList<EnrolledPerson> enrolled, CancellationToken cancellationToken = default) =>
        RegisterManyAsync(actor, enrolled, Enrolment.IndexesInKeyOrder(enrolled), cancellationToken);

    private async Task RegisterManyAsync(Actor actor, IReadOnlyList<EnrolledPerson> enrolled, List<BlindIndex> indexes, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entries = enrolled.Select(e => Registered(actor, e.Person)).ToList();
        await audit.CommitAsync(db, entries, (d, ct) => Enrolment.WriteAsync(d, enrolled, indexes, ct), cancellationToken);
    }

    /// <summary>
    /// Registers checked persons in transactions that grow from 1,000 to <paramref name="batchSize"/>. One task seals
    /// the batches in order on the other cores (the writer keeps one to itself: it is the slower half), the next batch
    /// while the writer writes one and no further: sealing a batch takes a fraction of writing one, so a batch sealed
    /// further ahead only held memory (issue 24 bounds an import's memory). The first is small so the writer starts at once; the later ones are large because every transaction rewrites the blind-index pages its random
    /// digests land on, and 4,000 per transaction wrote 770 MB for a 155 MB database. Reports how many are written so far.
    /// </summary>
    public Task<int> ImportAsync(
        Actor actor, IReadOnlyList<CheckedRegistration> rows, IProgress<long>? progress = null, int batchSize = 16_000, CancellationToken cancellationToken = default) =>
        ImportAsync(actor, rows, static r => r, progress, batchSize, cancellationToken);

    /// <summary>
    /// As above for rows read as they are written (a file streamed from disk): <paramref name="rows"/> is enumerated once,
    /// a batch at a time, and <paramref name="check"/> makes each row a checked registration on the sealing cores.
    /// Memory holds a few batches, whatever the number of rows.
    /// </summary>
    public async Task<int> ImportAsync<T>(
        Actor actor, IEnumerable<T> rows, Func<T, CheckedRegistration> check, IProgress<long>? progress = null, int batchSize = 16_000,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sealedBatches = System.Threading.Channels.Channel.CreateUnbounded<(EnrolledPerson[] Persons, List<BlindIndex> Indexes)>();
        // Two batches at a time: the one being written and the next, sealed (or being sealed) while it is. The sealing
        // starts a batch only once the writer has committed the one before the batch it waits with (issue 24 bounds memory).
        using var slots = new SemaphoreSlim(2);
        var sealing = Task.Run(() => SealAsync(rows, check, batchSize, slots, sealedBatches.Writer, stop.Token), CancellationToken.None);
        var done = 0;
        try
        {
            await foreach (var (persons, indexes) in sealedBatches.Reader.ReadAllAsync(stop.Token))
            {
                // Sealed ahead, maybe before a rotation: what the retired key wrapped goes under the new one now.
                crypto.RewrapStale(persons.Select(p => p.Key));
                await RegisterManyAsync(actor, persons, indexes, stop.Token);
                slots.Release();
                done += persons.Length;
                progress?.Report(done);
            }
        }
        finally
        {
            // A failed write stops the sealing; a failed sealing has already ended the loop above with its exception.
            await stop.CancelAsync();
            await sealing;
        }

        return done;
    }

    private async Task SealAsync<T>(
        IEnumerable<T> rows, Func<T, CheckedRegistration> check, int batchSize, SemaphoreSlim slots,
        System.Threading.Channels.ChannelWriter<(EnrolledPerson[], List<BlindIndex>)> output, CancellationToken cancellationToken)
    {
        try
        {
            using var source = rows.GetEnumerator();
            var buffer = new List<T>(Math.Min(1000, batchSize));
            for (var size = Math.Min(1000, batchSize); ; size = Math.Min(size * 2, batchSize))
            {
                await slots.WaitAsync(cancellationToken);
                buffer.Clear();
                while (buffer.Count < size && source.MoveNext())
                {
                    buffer.Add(source.Current);
                }

                if (buffer.Count == 0)
                {
                    break;
                }

                var persons = buffer.AsParallel().AsOrdered().WithCancellation(cancellationToken)
                    .Select(r => enrolment.Enrol(check(r), batch: true)).ToArray();
                // The source rows are not held while the batch waits for the writer: memory is the sealed batches alone.
                buffer.Clear();
                await output.WriteAsync((persons, Enrolment.IndexesInKeyOrder(persons)), cancellationToken);
            }

            output.Complete();
        }
        catch (Exception ex)
        {
            // Handed to the writer's loop, which rethrows it: the import fails with the sealing's own error.
            output.Complete(ex);
        }
    }

    /// <summary>Finds persons by exact e-mail or telephone through the blind index; returns ids only.</summary>
    public async Task<Result<IReadOnlyList<Guid>>> LookUpAsync(Actor actor, string kind, string value, string purpose, CancellationToken cancellationToken = default)
    {
        if (kind is not ("email" or "telephone"))
        {
            return Failure.Invalid("kind", "lookup.kind", "Look-ups are by email or telephone.");
        }

        if (policies.Default.FindPurpose(purpose) is null)
        {
            return Failure.Invalid("purpose", "purpose.unknown", "Not a purpose of use in the policy.");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!actor.MayUse(purpose))
        {
            // As the gate does for a read: a credential finds persons only for a purpose it was entrusted with.
            await audit.CommitAsync(db, [new AuditEntry(AuditEventType.PersonLookedUp, actor.AuditName, AuditOutcome.Refused, null, purpose, kind, "actor.purpose-not-allowed")], cancellationToken);
            return Failure.Refused("actor.purpose-not-allowed", "This credential is not entrusted with that purpose of use.");
        }

        var normalized = kind == "email" ? value.Trim().ToLowerInvariant() : ItemRules.NormalizePhone(value);
        var digest = crypto.BlindIndex(kind, normalized);
        var ids = await db.Set<BlindIndex>().AsNoTracking().Where(b => b.Kind == kind && b.Digest == digest)
            .Select(b => b.PersonId).ToListAsync(cancellationToken);
        var entries = ids.Count == 0
            ? [new AuditEntry(AuditEventType.PersonLookedUp, actor.AuditName, AuditOutcome.Allowed, null, purpose, kind, "lookup.none")]
            : ids.Select(id => new AuditEntry(AuditEventType.PersonLookedUp, actor.AuditName, AuditOutcome.Allowed, id, purpose, kind)).ToList();
        await audit.CommitAsync(db, entries, cancellationToken);
        return ids;
    }

    /// <summary>Correction of items held and addition of new ones; a null value leaves an item as it is.</summary>
    public async Task<Result<IReadOnlyList<string>>> UpdateItemsAsync(Actor actor, Guid personId, IReadOnlyDictionary<string, string?> changes, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var person = await db.Set<Person>().FirstOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null)
        {
            return Failure.NotFound("person.unknown", "No person has this id.");
        }

        if (person.State == PersonState.Erased)
        {
            return Failure.Gone("person.erased", "This person's data has been erased.");
        }

        var policy = policies.Find(person.PolicyId)!;
        var errors = ItemRules.Check(policy, changes, [], Today());
        if (errors.Count > 0)
        {
            return Failure.Validation(errors);
        }

        var key = await db.Set<PersonKey>().FirstAsync(k => k.PersonId == personId, cancellationToken);
        var dataKey = crypto.OpenKey(key) ?? throw new InvalidOperationException($"Person {personId}'s data key does not open.");
        var items = VaultCrypto.Open(personId, dataKey, person.Sealed!) ?? throw new InvalidOperationException($"Person {personId}'s items do not open.");
        var corrected = new List<string>();
        var added = new List<string>();
        foreach (var (id, value) in changes)
        {
            if (value is null)
            {
                continue;
            }

            (items.ContainsKey(id) ? corrected : added).Add(id);
            items[id] = ItemRules.Normalize(policy.FindItem(id)!, value);
        }

        var existing = await db.Set<BlindIndex>().Where(b => b.PersonId == personId).ToListAsync(cancellationToken);
        var desired = enrolment.Seal(person, dataKey, items, policy);
        static bool Same(BlindIndex a, BlindIndex b) => a.Kind == b.Kind && a.Digest.AsSpan().SequenceEqual(b.Digest);
        db.RemoveRange(existing.Where(e => !desired.Any(d => Same(d, e))));
        db.AddRange(desired.Where(d => !existing.Any(e => Same(d, e))));
        person.UpdatedAt = time.GetUtcNow().UtcDateTime;
        person.Version++;
        var entries = new List<AuditEntry>();
        if (corrected.Count > 0)
        {
            entries.Add(new(AuditEventType.PersonCorrected, actor.AuditName, PersonId: personId, Items: string.Join(',', corrected)));
        }

        if (added.Count > 0)
        {
            entries.Add(new(AuditEventType.ItemsAdded, actor.AuditName, PersonId: personId, Items: string.Join(',', added)));
        }

        await audit.CommitAsync(db, entries, cancellationToken);
        return corrected.Concat(added).ToList();
    }

    /// <summary>Destroys the person's data key first, so every copy of the sealed items is unreadable, then deletes their rows.</summary>
    public async Task<Result<Guid>> EraseAsync(Actor actor, Guid personId, CancellationToken cancellationToken = default)
    {
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            var state = await db.Set<Person>().Where(p => p.Id == personId).Select(p => (PersonState?)p.State).FirstOrDefaultAsync(cancellationToken);
            if (state is null)
            {
                return Failure.NotFound("person.unknown", "No person has this id.");
            }

            if (state == PersonState.Erased)
            {
                return Failure.Gone("person.erased", "This person's data has already been erased.");
            }
        }

        var erased = await EraseBatchAsync(actor, [personId], null, null, cancellationToken, inLedger: true);
        return erased.Count == 1 ? personId : Failure.Gone("person.erased", "This person's data has already been erased.");
    }

    /// <summary>
    /// Erases many persons the way <see cref="EraseAsync"/> erases one, in transactions of at most
    /// <paramref name="batchSize"/>, each with its persons' events; persons unknown or already erased are skipped, so a
    /// rerun after a crash erases only the rest. <paramref name="with"/> runs in each batch's transaction with the ids
    /// it erased and returns audit entries of its own. Returns how many were erased.
    /// </summary>
    public async Task<int> EraseManyAsync(
        Actor actor, IReadOnlyList<Guid> personIds, string? reason = null, int batchSize = 2000,
        Func<CustodianDb, IReadOnlyList<Guid>, CancellationToken, Task<IReadOnlyList<AuditEntry>>>? with = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var erased = 0;
        foreach (var batch in personIds.Chunk(batchSize))
        {
            erased += (await EraseBatchAsync(actor, batch, reason, with, cancellationToken, inLedger: true)).Count;
        }

        return erased;
    }

    /// <summary>
    /// Erases again, in batches, persons the erasure ledger already names (<see cref="ErasureReplay"/>): audited as
    /// replayed, and not written to the ledger twice.
    /// </summary>
    internal async Task<int> EraseAgainAsync(IReadOnlyList<Guid> personIds, CancellationToken cancellationToken)
    {
        var erased = 0;
        foreach (var batch in personIds.Chunk(2000))
        {
            erased += (await EraseBatchAsync(Actor.System, batch, ErasureReplay.ReplayedReason, null, cancellationToken, inLedger: false)).Count;
        }

        return erased;
    }

    // The one way to erase: keys go first, then blind indexes and sealed items, in one transaction with an event per
    // person. Which persons are still to erase is read inside that transaction, under the chain's lock, so two erasures
    // of one person (a request and a disposal run) write one event.
    private async Task<IReadOnlyList<Guid>> EraseBatchAsync(
        Actor actor, IReadOnlyCollection<Guid> ids, string? reason,
        Func<CustodianDb, IReadOnlyList<Guid>, CancellationToken, Task<IReadOnlyList<AuditEntry>>>? with, CancellationToken cancellationToken, bool inLedger)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entries = new List<AuditEntry>();
        List<Guid> erased = [];
        // The entries are chained after the write has run, so the write may fill them.
        await audit.CommitAsync(db, entries, async (d, ct) =>
        {
            erased = await d.Set<Person>().Where(p => ids.Contains(p.Id) && p.State != PersonState.Erased).Select(p => p.Id).ToListAsync(ct);
            if (erased.Count > 0)
            {
                if (inLedger)
                {
                    // Before the erasure commits: a database restored from an older backup is erased again from the ledger.
                    await ledger.RecordAsync(erased, ct);
                }

                var now = time.GetUtcNow().UtcDateTime;
                await d.Set<PersonKey>().Where(k => erased.Contains(k.PersonId)).ExecuteDeleteAsync(ct);
                await d.Set<BlindIndex>().Where(b => erased.Contains(b.PersonId)).ExecuteDeleteAsync(ct);
                await d.Set<Person>().Where(p => erased.Contains(p.Id)).ExecuteUpdateAsync(
                    s => s.SetProperty(p => p.Sealed, (byte[]?)null).SetProperty(p => p.ItemIds, "").SetProperty(p => p.State, PersonState.Erased)
                        .SetProperty(p => p.UpdatedAt, now).SetProperty(p => p.Version, p => p.Version + 1), ct);
                foreach (var participant in _participants)
                {
                    await participant.EraseAsync(d, erased, ct);
                }

                entries.AddRange(erased.Select(id => new AuditEntry(AuditEventType.PersonErased, actor.AuditName, PersonId: id, Reason: reason)));
            }

            if (with is not null)
            {
                entries.AddRange(await with(d, erased, ct));
            }
        }, cancellationToken);
        await StorageMaintenance.CheckpointAsync(db, cancellationToken);
        return erased;
    }

    private static AuditEntry Registered(Actor actor, Person person) =>
        new(AuditEventType.PersonRegistered, actor.AuditName, PersonId: person.Id, Purpose: person.Channel, Items: person.ItemIds);

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
