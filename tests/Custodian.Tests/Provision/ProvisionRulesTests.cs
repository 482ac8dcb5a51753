using Custodian.Policy;
using Custodian.Provision;
using Custodian.Tests.Policy;
using Custodian.Vault;

namespace Custodian.Tests.Provision;

public sealed class ProvisionRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 9, 0, 0, DateTimeKind.Utc);
    private static readonly PrivacyPolicy Mexico = PolicyFilesTests.Load("leverages-career-mexico");

    private static ClientCompany Company(string country = "MX", DateTime? signed = null, DateTime? expires = null, DateTime? sameCare = null) => new()
    {
        Id = Guid.NewGuid(),
        Name = "Client",
        Industry = "any",
        Country = country,
        ContractSignedAt = signed,
        ContractExpiresAt = expires,
        SameCareAgreedAt = sameCare,
    };

    [Fact]
    public void Contract_is_in_force_only_between_signature_and_expiry()
    {
        Assert.Equal("contract.missing", ProvisionRules.CheckCompany(Company(), Mexico, Now)?.Code);
        Assert.Equal("contract.not-in-force", ProvisionRules.CheckCompany(Company(signed: Now.AddYears(-2), expires: Now), Mexico, Now)?.Code);
        Assert.Equal("contract.not-in-force", ProvisionRules.CheckCompany(Company(signed: Now.AddDays(1), expires: Now.AddYears(1)), Mexico, Now)?.Code);
        Assert.Null(ProvisionRules.CheckCompany(Company(signed: Now.AddYears(-1), expires: Now.AddSeconds(1)), Mexico, Now));
    }

    [Fact]
    public void Company_abroad_needs_the_same_care_agreement()
    {
        var abroad = Company("JP", Now.AddYears(-1), Now.AddYears(1));

        Assert.Equal("company.same-care-missing", ProvisionRules.CheckCompany(abroad, Mexico, Now)?.Code);
        abroad.SameCareAgreedAt = Now.AddDays(-1);
        Assert.Null(ProvisionRules.CheckCompany(abroad, Mexico, Now));
    }

    [Fact]
    public void Items_are_the_policy_list_limited_to_what_the_person_holds()
    {
        var clients = Mexico.Recipients.ClientCompanies!;
        var person = new Person { ItemIds = "career,email,name,place-of-work" };

        Assert.Equal(["name", "email", "career"], ProvisionRules.Items(clients, person, null).Value);
        Assert.Equal(["email"], ProvisionRules.Items(clients, person, ["email", "sex"]).Value);
        Assert.Equal("provision.item-not-allowed", ProvisionRules.Items(clients, person, ["place-of-work"]).Failure?.Code);
        Assert.Equal("provision.no-items", ProvisionRules.Items(clients, person, ["sex"]).Failure?.Code);
    }

    [Fact]
    public void Consent_counts_only_under_the_policy_version_in_force()
    {
        Assert.Null(ProvisionRules.CheckPolicyVersion(Mexico, Mexico.Version));
        Assert.Equal("consent.policy-version", ProvisionRules.CheckPolicyVersion(Mexico, "2019-01-01")?.Code);
        Assert.Equal("consent.policy-version", ProvisionRules.CheckPolicyVersion(Mexico, null)?.Code);
    }

    [Fact]
    public void Stopped_or_erased_person_is_not_provided()
    {
        Assert.Equal("person.provision-stopped", ProvisionRules.CheckPerson(new Person { ProvisionStopped = true })?.Code);
        Assert.Equal("person.erased", ProvisionRules.CheckPerson(new Person { State = PersonState.Erased })?.Code);
        Assert.Null(ProvisionRules.CheckPerson(new Person()));
    }
}
