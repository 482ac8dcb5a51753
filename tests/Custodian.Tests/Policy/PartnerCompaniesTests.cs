using Custodian.Policy.Loading;
using Custodian.Policy.Notices;

namespace Custodian.Tests.Policy;

/// <summary>The group policy's "Partner Companies" recipient and the safety obligation it states, in the notice's lists.</summary>
public sealed class PartnerCompaniesTests
{
    [Theory]
    [InlineData("en", "2) Disclosure to a Third Party", "our Partner Companies", "we are aware that we are in obligation to require our Partner Companies to manage personal information in a safe and proper manner")]
    [InlineData("ja", "2）第三者への開示", "当社の業務提携先", "業務提携先に対して個人情報を安全かつ適切に管理するよう求める義務")]
    [InlineData("es", "2) Divulgación a terceros", "nuestras Empresas Colaboradoras", "exigir a nuestras Empresas Colaboradoras que gestionen la información personal")]
    public void The_disclosure_section_lists_the_partner_companies_with_their_purposes_and_the_obligation(string language, string heading, string name, string obligation)
    {
        var view = NoticeRenderer.Render(PolicyFilesTests.Load("leverages-group"), language);

        var partners = Assert.Single(view.Sections.Single(s => s.Heading == heading).Entries);
        Assert.Equal(name, partners.Text);
        Assert.Equal("1, 2, 3, 4".Replace(", ", language == "ja" ? "、" : ", ", StringComparison.Ordinal), partners.Children[0].Text);
        Assert.Contains(obligation, partners.Children[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_policy_file_declares_the_recipient_and_a_notice_list_without_it_is_refused()
    {
        var partners = PolicyFilesTests.Load("leverages-group").Recipients.PartnerCompanies;
        Assert.Equal(("partner-companies", "partner-companies-obligation", 4), (partners?.Name, partners?.Obligation, partners?.Purposes.Count));

        var text = File.ReadAllText(Path.Combine(PolicyFilesTests.Folder, "leverages-group.yaml"));
        var start = text.IndexOf("  partner-companies:\n    name:", StringComparison.Ordinal);
        var end = text.IndexOf("obligation: partner-companies-obligation\n", start, StringComparison.Ordinal) + "obligation: partner-companies-obligation\n".Length;
        var errors = PolicyLoader.Load(text.Remove(start, end - start), "leverages-group.yaml").Errors;
        Assert.NotEmpty(errors);
    }
}
