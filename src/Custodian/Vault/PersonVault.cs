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
    IDbContextFactory<CustodianDb> factory, PolicyStore policies, VaultCrypto crypto, AuditLog audit, ConsentLedger consents, TimeProvider time)
{
    public async Task<Result<Guid>> RegisterAsync(Actor actor, Registration registration, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var added = Stage(db, registration);
        if (!added.Succeeded)
        {
            return added.Failure!;
        }

        await audit.CommitAsync(db, [Registered(actor, added.Value!)], cancellationToken);
        return added.Value!.Id;
    }

    /// <summary>Registers many persons, a transaction per batch; a batch with an invalid row is refused whole.</summary>
    public async Task<Result<int>> RegisterManyAsync(Actor actor, IReadOnlyList<Registration> batch, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var entries = new List<AuditEntry>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            var added = Stage(db, batch[i]);
            if (!added.Succeeded)
            {
                var failure = added.Failure!;
                return failure with { Field = $"[{i}].{failure.Field}" };
            }

            entries.Add(Registered(actor, added.Value!));
        }

        await audit.CommitAsync(db, entries, cancellationToken);
        return batch.Count;
    }

    /// <summary>The rules a registration breaks, without writing anything.</summary>
    public IReadOnlyDictionary<string, string[]> Check(Registration registration)
    {
        var (policy, channel, failure) = Resolve(registration);
        if (failure is not null)
        {
            return failure.Errors ?? new Dictionary<string, string[]> { [failure.Field!] = [$"{failure.Code}: {failure.Detail}"] };
        }

        return CheckItems(policy!, channel!, registration);
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

        var normalized = kind == "email" ? value.Trim().ToLowerInvariant() : ItemRules.NormalizePhone(value);
        var digest = crypto.BlindIndex(kind, normalized);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
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

        var indexes = await db.Set<BlindIndex>().Where(b => b.PersonId == personId).ToListAsync(cancellationToken);
        Seal(db, person, dataKey, items, policy, indexes);
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
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var person = await db.Set<Person>().FirstOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null)
        {
            return Failure.NotFound("person.unknown", "No person has this id.");
        }

        if (person.State == PersonState.Erased)
        {
            return Failure.Gone("person.erased", "This person's data has already been erased.");
        }

        db.RemoveRange(await db.Set<PersonKey>().Where(k => k.PersonId == personId).ToListAsync(cancellationToken));
        db.RemoveRange(await db.Set<BlindIndex>().Where(b => b.PersonId == personId).ToListAsync(cancellationToken));
        person.Sealed = null;
        person.ItemIds = "";
        person.State = PersonState.Erased;
        person.UpdatedAt = time.GetUtcNow().UtcDateTime;
        person.Version++;
        await audit.CommitAsync(db, [new(AuditEventType.PersonErased, actor.AuditName, PersonId: personId)], cancellationToken);
        await StorageMaintenance.CheckpointAsync(db, cancellationToken);
        return personId;
    }

    private (PrivacyPolicy? Policy, Channel? Channel, Failure? Failure) Resolve(Registration registration)
    {
        var policy = registration.PolicyId is null ? policies.Default : policies.Find(registration.PolicyId);
        if (policy is null)
        {
            return (null, null, Failure.Invalid("policyId", "policy.unknown", "No policy has this id."));
        }

        var channel = policy.FindChannel(registration.Channel);
        return channel is null
            ? (policy, null, Failure.Invalid("channel", "channel.unknown", $"Channels of policy {policy.Id}: {string.Join(", ", policy.Channels.Select(c => c.Id))}."))
            : (policy, channel, null);
    }

    private Dictionary<string, string[]> CheckItems(PrivacyPolicy policy, Channel channel, Registration registration)
    {
        var purposes = channel.Purposes.Select(policy.FindPurpose).OfType<PurposeOfUse>().ToList();
        var errors = ItemRules.Check(policy, registration.Items, purposes.SelectMany(p => p.RequiredItems).Distinct(), Today());
        foreach (var consent in registration.Consents ?? [])
        {
            if (!purposes.Any(p => p.Id == consent && p.RequiresConsent))
            {
                errors["consents"] = [$"consent.purpose: '{consent}' is not a purpose of this channel that asks for consent."];
            }
        }

        return errors;
    }

    private Result<Person> Stage(CustodianDb db, Registration registration)
    {
        var (policy, channel, failure) = Resolve(registration);
        if (failure is not null)
        {
            return failure;
        }

        var errors = CheckItems(policy!, channel!, registration);
        if (errors.Count > 0)
        {
            return Failure.Validation(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var person = new Person
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            PolicyId = policy!.Id,
            PolicyVersion = policy.Version,
            Channel = channel!.Id,
            State = PersonState.Active,
            RegisteredAt = now,
            UpdatedAt = now,
        };
        var (key, dataKey) = crypto.NewKey(person.Id);
        var items = registration.Items.Where(kv => !string.IsNullOrWhiteSpace(kv.Value))
            .ToDictionary(kv => kv.Key, kv => ItemRules.Normalize(policy.FindItem(kv.Key)!, kv.Value!));
        db.Add(person);
        db.Add(key);
        Seal(db, person, dataKey, items, policy, []);
        foreach (var consent in registration.Consents ?? [])
        {
            consents.Append(db, person.Id, consent, given: true, policy.Id, policy.Version, channel.Id);
        }

        return person;
    }

    private void Seal(CustodianDb db, Person person, byte[] dataKey, Dictionary<string, string> items, PrivacyPolicy policy, IReadOnlyList<BlindIndex> existing)
    {
        person.Sealed = VaultCrypto.Seal(person.Id, dataKey, items);
        person.ItemIds = string.Join(',', items.Keys.Order(StringComparer.Ordinal));
        var desired = items
            .Select(kv => (Kind: policy.FindItem(kv.Key)!.Type switch { ItemType.Email => "email", ItemType.Telephone => "telephone", _ => null }, kv.Value))
            .Where(x => x.Kind is not null)
            .Select(x => new BlindIndex { Kind = x.Kind!, Digest = crypto.BlindIndex(x.Kind!, x.Value), PersonId = person.Id })
            .ToList();
        static bool Same(BlindIndex a, BlindIndex b) => a.Kind == b.Kind && a.Digest.AsSpan().SequenceEqual(b.Digest);
        db.RemoveRange(existing.Where(e => !desired.Any(d => Same(d, e))));
        db.AddRange(desired.Where(d => !existing.Any(e => Same(d, e))));
    }

    private static AuditEntry Registered(Actor actor, Person person) =>
        new(AuditEventType.PersonRegistered, actor.AuditName, PersonId: person.Id, Purpose: person.Channel, Items: person.ItemIds);

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
