using Custodian.Policy.Loading;

namespace Custodian.Tests.Policy;

/// <summary>
/// Which joint users are abroad, with what APPI Art. 28 asks the operator to give about each (the country, its system for
/// protecting personal information, the recipient's measures): data the operator sets in the policy file.
/// </summary>
public sealed class JointUsersAbroadTests
{
    private static string GroupPath => Path.Combine(PolicyFilesTests.Folder, "leverages-group.yaml");

    private static string Group => File.ReadAllText(GroupPath);

    [Fact]
    public void The_group_policy_names_its_joint_user_abroad_with_country_system_and_measures_in_three_languages()
    {
        var policy = PolicyFilesTests.Load("leverages-group");

        var abroad = Assert.Single(policy.Recipients.JointUse!.Abroad);
        Assert.Equal(("leverages-career-mexico", "MX"), (abroad.Member, abroad.Country));
        Assert.True(policy.Recipients.JointUse.IsMember(abroad.Member));
        foreach (var language in new[] { "ja", "en", "es" })
        {
            Assert.False(string.IsNullOrWhiteSpace(policy.Terms[abroad.ProtectionSystem][language]));
            Assert.False(string.IsNullOrWhiteSpace(policy.Terms[abroad.Measures][language]));
        }

        // Set by the operator, not the published words: policy check lists it.
        Assert.Contains(policy.OperatorSet, v => v.Path == "recipients.joint-use.abroad");
    }

    [Theory]
    [InlineData("country: MX", "country: Mexico")]
    [InlineData("country: MX", "country: XX")]
    [InlineData("country: MX", "country: mx")]
    public void A_country_that_is_not_an_upper_case_iso_code_is_refused_where_it_is_written(string from, string to)
    {
        var yaml = Group.Replace(from, to, StringComparison.Ordinal);

        var error = Assert.Single(PolicyLoader.Load(yaml, GroupPath).Errors);

        Assert.Equal(("invalid-value", LineOf(yaml, to)), (error.Rule, error.Line));
        Assert.Contains("abroad[0].country", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_joint_user_abroad_in_the_operators_own_country_is_refused()
    {
        var yaml = Group.Replace("country: MX", "country: JP", StringComparison.Ordinal);

        var error = Assert.Single(PolicyLoader.Load(yaml, GroupPath).Errors);

        Assert.Equal(("invalid-value", LineOf(yaml, "country: JP")), (error.Rule, error.Line));
        Assert.Contains("not abroad", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_protection_system_that_names_no_term_is_refused()
    {
        var yaml = Group.Replace("protection-system: mx-protection-system", "protection-system: mx-law", StringComparison.Ordinal);

        var error = Assert.Single(PolicyLoader.Load(yaml, GroupPath).Errors);

        Assert.Equal(("unknown-term", LineOf(yaml, "protection-system: mx-law")), (error.Rule, error.Line));
    }

    [Fact]
    public void Without_operator_set_the_joint_user_abroad_must_be_named_in_the_approved_text()
    {
        var yaml = Group.Replace("  - recipients.joint-use.abroad", "  # - recipients.joint-use.abroad", StringComparison.Ordinal);

        var error = Assert.Single(PolicyLoader.Load(yaml, GroupPath).Errors);

        Assert.Equal("not-in-text", error.Rule);
        Assert.Contains("leverages-career-mexico", error.Message, StringComparison.Ordinal);
    }

    private static int LineOf(string yaml, string text) => yaml.Split('\n').ToList().FindIndex(l => l.Contains(text, StringComparison.Ordinal)) + 1;
}
