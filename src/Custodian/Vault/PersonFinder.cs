using Custodian.Gate;
using Custodian.Policy;

namespace Custodian.Vault;

/// <summary>A person found by e-mail for staff to pick, named through the gate (its reads audited like any other).</summary>
public sealed record FoundPerson(Guid Id, string? Name, string? DateOfBirth, DateTime RegisteredAt);

/// <summary>
/// Finds persons by exact e-mail through the blind index and names each through the gate, so staff pick a person by
/// name and date of birth instead of pasting an id.
/// </summary>
internal sealed class PersonFinder(PersonVault vault, PersonGate gate)
{
    private const int MaxFound = 10;

    /// <summary>Naming a person needs no consent: the purpose the person gave their name for at registration.</summary>
    public static PurposeOfUse? NamingPurpose(PrivacyPolicy policy) => policy.Purposes.FirstOrDefault(p => !p.RequiresConsent && p.Items.Contains("name"));

    /// <summary><paramref name="use"/> is Disclose when the person is identified to answer their own request (a suspension of use does not stop that), Read otherwise.</summary>
    public async Task<IReadOnlyList<FoundPerson>> ByEmailAsync(Actor actor, PrivacyPolicy policy, string? email, GateUse use, CancellationToken cancellationToken = default)
    {
        var purpose = NamingPurpose(policy);
        if (string.IsNullOrWhiteSpace(email) || purpose is null)
        {
            return [];
        }

        var found = await vault.LookUpAsync(actor, "email", email, purpose.Id, cancellationToken);
        if (found.Value is not { } ids)
        {
            return [];
        }

        var persons = new List<FoundPerson>();
        foreach (var id in ids.Take(MaxFound))
        {
            var view = await gate.UseAsync(actor, id, purpose.Id, use, cancellationToken);
            if (view.Value is { } person)
            {
                persons.Add(new FoundPerson(id, person.Items.GetValueOrDefault("name"), person.Items.GetValueOrDefault("date-of-birth"), person.RegisteredAt));
            }
        }

        return persons;
    }
}
