using Custodian.Audit;
using Custodian.Common;
using Custodian.Consent;
using Custodian.Policy;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Gate;

/// <summary>
/// The one gate. Every use of personal data declares a purpose; the gate checks it against the policy,
/// the person's state, consent and the actor, records the audit event durably, and only then decrypts.
/// Refusals are audited too.
/// </summary>
public sealed class PersonGate(IDbContextFactory<CustodianDb> factory, PolicyStore policies, VaultCrypto crypto, AuditLog audit)
{
    public async Task<Result<PersonView>> ReadAsync(Actor actor, Guid personId, string purpose, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        // One round trip for the person and their wrapped key.
        var row = await (
                from p in db.Set<Person>().AsNoTracking()
                where p.Id == personId
                join k in db.Set<PersonKey>().AsNoTracking() on p.Id equals k.PersonId into keys
                from k in keys.DefaultIfEmpty()
                select new { Person = p, Key = k })
            .FirstOrDefaultAsync(cancellationToken);
        var person = row?.Person;
        if (person is null)
        {
            return Failure.NotFound("person.unknown", "No person has this id.");
        }

        var refusal = await CheckAsync(db, actor, person, purpose, cancellationToken);
        if (refusal is not null)
        {
            await audit.RecordAsync(new AuditEntry(AuditEventType.PersonRead, actor.AuditName, AuditOutcome.Refused, personId, purpose, Reason: refusal.Code), cancellationToken);
            return refusal;
        }

        var policyPurpose = policies.Find(person.PolicyId)!.FindPurpose(purpose)!;
        var dataKey = row!.Key is null ? null : crypto.OpenKey(row.Key);
        if (dataKey is null || person.Sealed is null)
        {
            throw new InvalidOperationException($"Person {personId} has no usable data key.");
        }

        var held = person.ItemIds.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var released = policyPurpose.Items.Where(held.Contains).ToList();
        await audit.RecordAsync(new AuditEntry(AuditEventType.PersonRead, actor.AuditName, AuditOutcome.Allowed, personId, purpose, string.Join(',', released)), cancellationToken);

        var items = VaultCrypto.Open(personId, dataKey, person.Sealed)
            ?? throw new InvalidOperationException($"Person {personId}'s items do not open with their key.");
        var view = released.Where(items.ContainsKey).ToDictionary(id => id, id => items[id]);
        return new PersonView(person.Id, person.PolicyId, person.PolicyVersion, person.Channel, person.State, person.RegisteredAt, purpose, view);
    }

    private async Task<Failure?> CheckAsync(CustodianDb db, Actor actor, Person person, string purpose, CancellationToken cancellationToken)
    {
        var policy = policies.Find(person.PolicyId);
        var policyPurpose = policy?.FindPurpose(purpose);
        if (policyPurpose is null)
        {
            return Failure.Invalid("purpose", "purpose.unknown", $"'{Truncate(purpose)}' is not a purpose of use in policy {person.PolicyId}.");
        }

        if (person.State == PersonState.Erased)
        {
            return Failure.Gone("person.erased", "This person's data has been erased.");
        }

        if (person.State == PersonState.UseSuspended)
        {
            return Failure.Refused("person.use-suspended", "Use of this person's data is suspended at their request.");
        }

        if (!actor.MayUse(purpose))
        {
            return Failure.Refused("actor.purpose-not-allowed", "This credential is not entrusted with that purpose of use.");
        }

        if (policyPurpose.RequiresConsent && !await ConsentLedger.IsGivenAsync(db, person.Id, purpose, cancellationToken))
        {
            return Failure.Refused("consent.missing", "This purpose of use needs the person's consent, and there is none in force.");
        }

        return null;
    }

    // A purpose comes from the caller: keep what is echoed back short.
    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
