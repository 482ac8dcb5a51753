using Custodian.Audit;
using Custodian.Common;
using Custodian.Consent;
using Custodian.Gate;
using Custodian.Provision;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Policy.Changes;

/// <summary>What a person's agreement to a version came to.</summary>
public sealed record PolicyAgreement(Guid PersonId, string PolicyId, string From, string To, IReadOnlyList<string> ConsentedPurposes);

/// <summary>
/// A person agrees to the policy version in force: from then the gate measures their uses against it. The uses the
/// change added that need consent are written to the consent ledger with the evidence, in the same transaction.
/// </summary>
internal sealed class PolicyAgreements(IDbContextFactory<CustodianDb> factory, PolicyStore policies, ConsentLedger ledger, AuditLog audit, TimeProvider time)
{
    public async Task<Result<PolicyAgreement>> AgreeAsync(
        Actor actor, Guid personId, string? version, ConsentEvidence evidence, CancellationToken cancellationToken = default)
    {
        if (evidence.CheckReference() is { } invalid)
        {
            return invalid;
        }

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

        var current = policies.Find(person.PolicyId)!;
        if (version != current.Version)
        {
            return Failure.Invalid("policyVersion", "consent.policy-version", $"A person agrees to the policy version in force ({current.Version}).");
        }

        var from = person.PolicyVersion;
        if (from == current.Version)
        {
            return new PolicyAgreement(personId, current.Id, from, from, []);
        }

        var consented = policies.Find(person.PolicyId, from) is { } agreed ? NewConsents(PolicyDiff.Between(agreed, current)) : [];
        foreach (var purpose in consented)
        {
            ledger.Append(db, personId, purpose, given: true, current.Id, current.Version, evidence);
        }

        person.PolicyVersion = current.Version;
        person.UpdatedAt = time.GetUtcNow().UtcDateTime;
        person.Version++;
        try
        {
            await audit.CommitAsync(db, [new(AuditEventType.PolicyVersionAgreed, actor.AuditName, PersonId: personId, Reason: evidence.Channel, Subject: $"{current.Id}/{current.Version}")], cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Failure.Conflict("person.changed", "The person changed meanwhile; read them again and retry.");
        }

        return new PolicyAgreement(personId, current.Id, from, current.Version, consented);
    }

    // The added uses that need consent: purposes the new version adds that ask for it, and provision to client companies
    // where the old version had none.
    private static List<string> NewConsents(VersionChanges changes)
    {
        var purposes = changes.AddedPurposes.Where(p => changes.To.FindPurpose(p)?.RequiresConsent == true).ToList();
        if (changes.Changes.Any(c => c is { Area: ChangeArea.ClientCompanies, Kind: ChangeKind.Added }) && changes.To.FindPurpose(ProvisionRules.ToUserCompany) is not null
            && !purposes.Contains(ProvisionRules.ToUserCompany))
        {
            purposes.Add(ProvisionRules.ToUserCompany);
        }

        return purposes;
    }
}
