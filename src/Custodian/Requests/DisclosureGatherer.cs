using Custodian.Common;
using Custodian.Consent;
using Custodian.Gate;
using Custodian.Policy;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Requests;

/// <summary>A provision of the person's data to a third party, as the provision module records it.</summary>
public sealed record ProvisionRecordLine(DateTime At, string Recipient, string Items, string Purpose, string? Ground)
{
    /// <summary>For a provision to a recipient abroad (a joint user's staff there): its country, ISO 3166-1 alpha-2.</summary>
    public string? Country { get; init; }
}

/// <summary>Where a disclosure finds the third-party provision records; the provision module registers the real one.</summary>
public interface IProvisionRecordSource
{
    Task<IReadOnlyList<ProvisionRecordLine>> ForPersonAsync(Guid personId, CancellationToken cancellationToken);
}

internal sealed class NoProvisionRecords : IProvisionRecordSource
{
    public Task<IReadOnlyList<ProvisionRecordLine>> ForPersonAsync(Guid personId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ProvisionRecordLine>>([]);
}

public sealed record PurposeLine(string Id, string Label, string Description);

public sealed record ConsentLine(DateTime At, string Purpose, bool Given, string PolicyVersion, string Channel);

public sealed record JointUseLine(IReadOnlyList<string> Members, IReadOnlyList<string> Items, IReadOnlyList<string> Purposes, string ResponsibleManager)
{
    /// <summary>Each joint user abroad as APPI Art. 28 asks it described: name, country, that country's protection system, the recipient's measures.</summary>
    public IReadOnlyList<JointUserAbroadLine> Abroad { get; init; } = [];
}

public sealed record JointUserAbroadLine(string Member, string Country, string ProtectionSystem, string Measures);

/// <summary>Everything a disclosure answers: every item held, the purposes, provision records and joint use, consents, the source.</summary>
public sealed record DisclosurePackage(
    Guid PersonId,
    string Language,
    IReadOnlyDictionary<string, string> Items,
    IReadOnlyList<PurposeLine> Purposes,
    IReadOnlyList<ProvisionRecordLine> ProvisionRecords,
    JointUseLine? JointUse,
    IReadOnlyList<ConsentLine> Consents,
    string Source,
    DateTime AcquiredAt);

/// <summary>Gathers a disclosure through the gate (use: disclose), so every item read is audited like any other use.</summary>
internal sealed class DisclosureGatherer(IDbContextFactory<CustodianDb> factory, PolicyStore policies, PersonGate gate, IProvisionRecordSource provisions)
{
    /// <summary>Every item held, read for the channel's purposes until all are covered; purposes that need consent only once consented.</summary>
    public async Task<Result<IReadOnlyDictionary<string, string>>> ItemsAsync(Actor actor, Guid personId, CancellationToken cancellationToken)
    {
        var held = await HeldAsync(personId, cancellationToken);
        if (held.Failure is { } failure)
        {
            return failure;
        }

        var (person, policy) = held.Value;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var wanted = person.ItemIds.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var items = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var purpose in policy.Purposes.OrderBy(p => p.RequiresConsent))
        {
            if (!purpose.Items.Any(i => wanted.Contains(i) && !items.ContainsKey(i))
                || (purpose.RequiresConsent && !await ConsentLedger.IsGivenAsync(db, personId, purpose.Id, cancellationToken)))
            {
                continue;
            }

            var view = await gate.UseAsync(actor, personId, purpose.Id, GateUse.Disclose, cancellationToken);
            if (view.Failure is { } refused)
            {
                return refused;
            }

            foreach (var (id, value) in view.Value!.Items)
            {
                items[id] = value;
            }
        }

        return items;
    }

    public async Task<Result<DisclosurePackage>> GatherAsync(Actor actor, Guid personId, string language, CancellationToken cancellationToken)
    {
        var items = await ItemsAsync(actor, personId, cancellationToken);
        if (items.Failure is { } failure)
        {
            return failure;
        }

        var (person, policy) = (await HeldAsync(personId, cancellationToken)).Value;
        var channel = policy.FindChannel(person.Channel);
        var purposes = (channel?.Purposes ?? []).Select(policy.FindPurpose).OfType<PurposeOfUse>()
            .Select(p => new PurposeLine(p.Id, p.Label, p.Description[language])).ToList();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var consents = await db.Set<ConsentRecord>().AsNoTracking().Where(c => c.PersonId == personId)
            .OrderBy(c => c.At).Select(c => new ConsentLine(c.At, c.Purpose, c.Given, c.PolicyVersion, c.Channel)).ToListAsync(cancellationToken);
        var joint = policy.Recipients.JointUse is { } j
            ? new JointUseLine(j.Members.Select(m => Term(policy, m, language)).ToList(), j.Items, j.Purposes, Term(policy, j.ResponsibleManager, language))
            {
                Abroad = j.Abroad.Select(a => new JointUserAbroadLine(Term(policy, a.Member, language), Provision.Countries.Find(a.Country)?.Name(language) ?? a.Country,
                    Term(policy, a.ProtectionSystem, language), Term(policy, a.Measures, language))).ToList(),
            }
            : null;
        var provided = await provisions.ForPersonAsync(personId, cancellationToken);
        return new DisclosurePackage(personId, language, items.Value!, purposes, provided, joint, consents,
            channel?.Name[language] ?? person.Channel, person.RegisteredAt);
    }

    private async Task<Result<(Person, PrivacyPolicy)>> HeldAsync(Guid personId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var person = await db.Set<Person>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null)
        {
            return Failure.NotFound("person.unknown", "No person has this id.");
        }

        return person.State == PersonState.Erased
            ? Failure.Gone("person.erased", "This person's data has been erased; nothing is held to disclose.")
            : (person, policies.Find(person.PolicyId) ?? policies.Default);
    }

    private static string Term(PrivacyPolicy policy, string id, string language) =>
        policy.Terms.TryGetValue(id, out var text) ? text[language] : id;
}
