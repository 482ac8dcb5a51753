using Custodian.Policy;
using Custodian.Policy.Loading;

namespace Custodian.Tests.Policy;

/// <summary>The operator's real policies, as copied next to the build output.</summary>
public sealed class PolicyFilesTests
{
    internal static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "policies");

    internal static PrivacyPolicy Load(string id)
    {
        var result = PolicyLoader.LoadFile(Path.Combine(Folder, id + ".yaml"));
        Assert.Empty(result.Errors);
        return result.Policy!;
    }

    [Fact]
    public void Both_policy_files_load_with_no_errors()
    {
        var results = PolicyLoader.LoadDirectory(Folder);

        Assert.Equal(["leverages-career-mexico", "leverages-group"], results.Select(r => r.Policy?.Id).Order());
        Assert.All(results, r => Assert.Empty(r.Errors));
    }

    [Theory]
    [InlineData("leverages-career-mexico", "mx")]
    [InlineData("leverages-group", "jp")]
    public void Each_policy_has_a_notice_in_japanese_english_and_spanish_with_japanese_binding(string id, string calendar)
    {
        var policy = Load(id);

        Assert.Equal(["en", "es", "ja"], policy.Languages.Order());
        Assert.Equal("ja", policy.BindingLanguage);
        Assert.Equal(calendar, policy.Calendar);
        // The operator's text files are the notice: no sections of our own wording are kept beside them.
        Assert.Empty(policy.Notices);
        Assert.Equal(TextStatus.Approved, policy.Texts["en"].Status);
        Assert.All(["ja", "es"], language => Assert.Equal(TextStatus.DraftTranslation, policy.Texts[language].Status));
    }

    [Fact]
    public void Mexico_purposes_need_consent_exactly_for_user_companies_guides_and_marketing()
    {
        var policy = Load("leverages-career-mexico");

        Assert.Equal(["1a", "1b", "1c", "1d", "1e", "1f", "1g", "2a", "2b"], policy.Purposes.Select(p => p.Label));
        Assert.Equal(["service.guides", "service.marketing", "service.provide-to-user-company"],
            policy.Purposes.Where(p => p.RequiresConsent).Select(p => p.Id).Order());
        Assert.Equal(["contact.answer", "contact.statistics"], policy.FindChannel("contact-form")!.Purposes);
        Assert.Equal(7, policy.FindChannel("service-application")!.Purposes.Count);
    }

    [Fact]
    public void Mexico_request_procedure_matches_the_published_text()
    {
        var requests = Load("leverages-career-mexico").Requests;

        Assert.Equal(14, requests.DeadlineBusinessDays);
        Assert.Equal(8, requests.Types.Count);
        Assert.Equal(["a", "b", "c"], requests.RefusalGrounds.Select(g => g.Id));
        Assert.Equal(6, requests.IdentityDocuments.Count);
        Assert.Equal(["notification-of-purpose", "disclosure"], requests.FreeOfCharge);
    }

    [Fact]
    public void Mexico_recipients_and_grounds_are_structured()
    {
        var policy = Load("leverages-career-mexico");

        Assert.Equal(["name", "address", "sex", "telephone", "email", "date-of-birth", "experience", "career"], policy.Recipients.ClientCompanies!.Items);
        Assert.Equal("leverages-co-ltd", policy.Recipients.JointUse!.ResponsibleManager);
        Assert.Equal(["Criteo K.K.", "Google LLC (Campaign Manager)"], policy.Recipients.AdvertisingPartners.Select(p => p.Name));
        // The seed says "click here" without the address; these are the partners' public opt-out pages (docs/privacy-centre.md).
        Assert.All(policy.Recipients.AdvertisingPartners, p => Assert.StartsWith("https://", p.OptOutUrl, StringComparison.Ordinal));
        Assert.Equal(["a", "b", "c", "d", "e", "f", "g", "h", "i"], policy.ProvisionWithoutConsentGrounds.Select(g => g.Id));
        Assert.Equal(["sex", "date-of-birth", "experience", "career"], policy.AnonymizedItems);
        Assert.Equal(["name"], policy.AnonymizedRemovedItems);
    }

    [Fact]
    public void Group_policy_keeps_the_contact_numbers_it_does_not_publish_empty()
    {
        var policy = Load("leverages-group");

        var contact = Assert.Single(policy.Operator.ContactPoints);
        Assert.Equal((null, null, null), (contact.Telephone, contact.Fax, contact.Email));
        Assert.Null(policy.Requests.DeadlineBusinessDays);
        Assert.Equal(["1", "2", "3", "4"], policy.Purposes.Select(p => p.Label));
        Assert.Equal(["inquiry.respond", "as-specified", "legal-notification", "inquiry.affiliate-provision"], policy.FindChannel("contact")!.Purposes);
        Assert.Contains("phonetic-name", policy.Recipients.JointUse!.Items);
    }
}
