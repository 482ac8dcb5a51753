using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Policy;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Consent;

/// <summary>A person's consent as the ledger derives it: the current state per purpose, and every line behind it.</summary>
internal sealed record ConsentState(Guid PersonId, IReadOnlyDictionary<string, bool> Current, IReadOnlyList<ConsentRecord> Ledger);

/// <summary>One contactable person of a campaign export, with the items the purpose uses.</summary>
internal sealed record CampaignContact(Guid PersonId, IReadOnlyDictionary<string, string> Items);

/// <summary>
/// Consent given or withdrawn, for the purposes that need it (guides and brochures, marketing and campaigns),
/// under the policy version in force; and the export of who may be contacted, through the gate.
/// </summary>
internal sealed class ConsentChoices(IDbContextFactory<CustodianDb> factory, PolicyStore policies, ConsentLedger ledger, AuditLog audit, PersonGate gate)
{
    public async Task<Result<ConsentRecord>> RecordAsync(
        Actor actor, Guid personId, string? purpose, bool given, string? policyVersion, ConsentEvidence evidence, CancellationToken cancellationToken = default)
    {
        if (evidence.CheckReference() is { } invalid)
        {
            return invalid;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var person = await db.Set<Person>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null)
        {
            return Failure.NotFound("person.unknown", "No person has this id.");
        }

        if (person.State == PersonState.Erased)
        {
            return Failure.Gone("person.erased", "This person's data has been erased.");
        }

        var policy = policies.Find(person.PolicyId)!;
        if (purpose is null || policy.FindPurpose(purpose) is not { RequiresConsent: true })
        {
            var asking = string.Join(", ", policy.Purposes.Where(p => p.RequiresConsent).Select(p => p.Id));
            return Failure.Invalid("purpose", "consent.purpose", $"Consent is asked for these purposes only: {asking}.");
        }

        if (policyVersion != policy.Version)
        {
            await audit.RecordAsync(new(AuditEventType.ConsentRefused, actor.AuditName, AuditOutcome.Refused, personId, purpose, Reason: "consent.policy-version"), cancellationToken);
            return new Failure(FailureKind.Refused, "consent.policy-version", $"Consent is given under the policy version in force ({policy.Version}).", "policyVersion");
        }

        var line = ledger.Append(db, personId, purpose, given, policy.Id, policy.Version, evidence);
        var type = given ? AuditEventType.ConsentGiven : AuditEventType.ConsentWithdrawn;
        await audit.CommitAsync(db, [new(type, actor.AuditName, PersonId: personId, Purpose: purpose, Reason: evidence.Channel, Subject: line.Id.ToString())], cancellationToken);
        return line;
    }

    public async Task<Result<ConsentState>> StateAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!await db.Set<Person>().AnyAsync(p => p.Id == personId, cancellationToken))
        {
            return Failure.NotFound("person.unknown", "No person has this id.");
        }

        var lines = await ConsentLedger.HistoryAsync(db, personId, cancellationToken);
        var current = lines.GroupBy(l => l.Purpose).ToDictionary(g => g.Key, g => g.Last().Given);
        return new ConsentState(personId, current, lines);
    }

    /// <summary>Who may be contacted for <paramref name="purpose"/>: everyone whose consent is in force, each read through the gate for export.</summary>
    public async Task<Result<List<CampaignContact>>> CampaignAsync(Actor actor, string? purpose, CancellationToken cancellationToken = default)
    {
        var chosen = CampaignPurpose(purpose);
        if (chosen.Failure is { } failure)
        {
            return failure;
        }

        var purposeId = chosen.Value!.Id;

        List<Guid> ids;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            ids = await ConsentLedger.GivenForAsync(db, purposeId, cancellationToken);
        }

        var contacts = new List<CampaignContact>(ids.Count);
        foreach (var id in ids)
        {
            // The gate re-checks consent, state and the actor, and audits each export; a refusal leaves the person out.
            var view = await gate.UseAsync(actor, id, purposeId, GateUse.Export, cancellationToken);
            if (view.Succeeded)
            {
                contacts.Add(new CampaignContact(id, view.Value!.Items));
            }
        }

        await audit.RecordAsync(new(AuditEventType.CampaignContactsExported, actor.AuditName, Purpose: purposeId, Subject: contacts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)), cancellationToken);
        return contacts;
    }

    /// <summary>The purpose a campaign export may be for: one of the policy in force that needs consent.</summary>
    /// <remarks>The console asks this before it offers the download, so a bad purpose is refused in the page with the API's words.</remarks>
    public Result<PurposeOfUse> CampaignPurpose(string? purpose) =>
        purpose is not null && policies.Default.FindPurpose(purpose) is { RequiresConsent: true } found
            ? found
            : Failure.Invalid("purpose", "consent.purpose", "A campaign export is for a purpose that needs consent.");
}
