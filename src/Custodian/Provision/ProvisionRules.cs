using Custodian.Common;
using Custodian.Policy;
using Custodian.Vault;

namespace Custodian.Provision;

/// <summary>The rules a provision to a client company must meet before anything is written. Pure: the clock is passed in.</summary>
internal static class ProvisionRules
{
    /// <summary>The purpose of use under which candidates' data goes to User Companies (1c in the Mexico policy).</summary>
    public const string ToUserCompany = "service.provide-to-user-company";

    /// <summary>Every rule an entry must meet, in the order a caller fixes them; the items to provide when it meets them all.</summary>
    public static Failure? CheckEntry(Gate.Actor actor, Person person, ClientCompany company, PrivacyPolicy policy, EntryRequest request, DateTime now, out IReadOnlyList<string>? items)
    {
        items = null;
        if (policy.Recipients.ClientCompanies is not { } clients || policy.FindPurpose(ToUserCompany) is null)
        {
            return Refused("personId", "provision.not-in-policy", $"Policy {policy.Id} provides nothing to User Companies.");
        }

        if (!actor.MayUse(ToUserCompany))
        {
            return Failure.Refused("actor.purpose-not-allowed", "This credential is not entrusted with that purpose of use.");
        }

        var picked = Items(clients, person, request.Items);
        items = picked.Value;
        return CheckMethod(clients.Methods, request.Method)
            ?? CheckPerson(person)
            ?? CheckCompany(company, policy, now)
            ?? CheckPolicyVersion(policy, request.PolicyVersion)
            ?? picked.Failure;
    }

    public static Failure? CheckCompany(ClientCompany company, PrivacyPolicy policy, DateTime now)
    {
        if (company.SuspendedAt is not null)
        {
            return Refused("companyId", ClientCompanySuspension.Code, "The company's access is suspended (an incident's containment).");
        }

        if (company.ContractSignedAt is null)
        {
            return Refused("companyId", "contract.missing", "The company has no contract on the handling of personal data.");
        }

        if (!company.ContractInForce(now))
        {
            return Refused("companyId", "contract.not-in-force", "The company's contract on the handling of personal data is not in force (expired or not yet begun).");
        }

        return IsAbroad(company, policy) && company.SameCareAgreedAt is null
            ? Refused("companyId", "company.same-care-missing", "A company abroad must first agree to manage the data with the same degree of care.")
            : null;
    }

    /// <summary>The operator's country is the one whose business-day calendar its policy counts in.</summary>
    public static bool IsAbroad(ClientCompany company, PrivacyPolicy policy) =>
        !string.Equals(company.Country, policy.Calendar, StringComparison.OrdinalIgnoreCase);

    /// <summary>The items to provide: the policy's list, or the subset asked for, limited to what the person holds.</summary>
    public static Result<IReadOnlyList<string>> Items(Policy.ClientCompanies clients, Person person, IReadOnlyList<string>? requested)
    {
        var beyond = requested?.FirstOrDefault(i => !clients.Items.Contains(i));
        if (beyond is not null)
        {
            return Refused("items", "provision.item-not-allowed", $"'{Short(beyond)}' is not among the items the policy provides to User Companies.");
        }

        var held = person.ItemIds.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var wanted = requested is { Count: > 0 } ? requested : clients.Items;
        var items = clients.Items.Where(i => wanted.Contains(i) && held.Contains(i)).ToList();
        return items.Count == 0
            ? Refused("items", "provision.no-items", "The person holds none of the items asked for.")
            : items;
    }

    public static Failure? CheckMethod(IReadOnlyList<string> methods, string? method) =>
        method is not null && methods.Contains(method)
            ? null
            : Failure.Invalid("method", "provision.method", $"method is one of: {string.Join(", ", methods)}.");

    /// <summary>A consent counts only under the policy version in force: the person must have been shown the current text.</summary>
    public static Failure? CheckPolicyVersion(PrivacyPolicy policy, string? version) =>
        version == policy.Version
            ? null
            : Refused("policyVersion", "consent.policy-version", $"Consent must be given under the policy version in force ({policy.Version}).");

    public static Failure? CheckPerson(Person person) => person switch
    {
        { State: PersonState.Erased } => Failure.Gone("person.erased", "This person's data has been erased."),
        { State: PersonState.UseSuspended } => Failure.Refused("person.use-suspended", "Use of this person's data is suspended at their request."),
        { ProvisionStopped: true } => Failure.Refused("person.provision-stopped", "The person has asked that provision to third parties stop."),
        _ => null,
    };

    public static Failure Refused(string field, string code, string detail) => new(FailureKind.Refused, code, detail, field);

    private static string Short(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
