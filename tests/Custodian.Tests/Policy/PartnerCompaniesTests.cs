using Custodian.Policy.Loading;
using Custodian.Policy.Notices;

namespace Custodian.Tests.Policy;

/// <summary>The group policy's "Partner Companies" recipient and the safety obligation it states, in the notice's lists.</summary>
public sealed class PartnerCompaniesTests
{
    // The notice is the operator's text (policies/texts): the recipient is named in its words, with the obligation it states.
    [Theory]
    [InlineData("en", "Partner Companies", "we are aware that we are in obligation to require our Partner Companies to manage personal information in a safe and proper manner")]
    [InlineData("ja", "業務提携先", "業務提携先に対して個人情報を安全かつ適切に管理するよう求める義務")]
    [InlineData("es", "Empresas Colaboradoras", "exigir a nuestras Empresas Colaboradoras que gestionen la información personal")]
    public void The_notice_names_the_partner_companies_and_the_obligation_in_each_language(string language, string name, string obligation)
    {
        var view = NoticeRenderer.Render(PolicyFilesTests.Load("leverages-group"), language);

        var words = view.Blocks.Select(b => string.Concat(b.Runs.Select(r => r.Text))).ToList();
        Assert.Contains(words, w => w.Contains(name, StringComparison.Ordinal));
        Assert.Contains(words, w => w.Contains(obligation, StringComparison.Ordinal));
    }

    [Fact]
    public void The_policy_file_declares_the_recipient_and_a_notice_list_without_it_is_refused()
    {
        var partners = PolicyFilesTests.Load("leverages-group").Recipients.PartnerCompanies;
        Assert.Equal(("partner-companies", "partner-companies-obligation", 4), (partners?.Name, partners?.Obligation, partners?.Purposes.Count));

        var text = File.ReadAllText(Path.Combine(PolicyFilesTests.Folder, "leverages-group.yaml"));
        var start = text.IndexOf("  partner-companies:\n    name:", StringComparison.Ordinal);
        var end = text.IndexOf("obligation: partner-companies-obligation\n", start, StringComparison.Ordinal) + "obligation: partner-companies-obligation\n".Length;
        var errors = PolicyLoader.Load(text.Remove(start, end - start), Path.Combine(PolicyFilesTests.Folder, "leverages-group.yaml")).Errors;
        Assert.NotEmpty(errors);
    }
}
