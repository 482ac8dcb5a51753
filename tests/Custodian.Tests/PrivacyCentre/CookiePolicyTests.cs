using Custodian.Tests.Policy;

namespace Custodian.Tests.PrivacyCentre;

public sealed class CookiePolicyTests
{
    private static string With(string cookies) => PolicyYaml.Valid.TrimEnd() + "\n" + cookies;

    private const string Categories = """
        cookies:
          categories:
            - id: strictly-necessary
              required: true
              name: { ja: 必須, en: Necessary }
              description: { ja: 必須, en: Necessary }
            - id: statistics
              required: false
              name: { ja: 統計, en: Statistics }
              description: { ja: 統計, en: Statistics }
        """;

    [Fact]
    public void Cookie_categories_load_in_the_policy_order()
    {
        var result = PolicyYaml.Load(With(Categories));

        Assert.Empty(result.Errors);
        Assert.Equal(["strictly-necessary", "statistics"], result.Policy!.Cookies!.Categories.Select(c => c.Id));
        Assert.True(result.Policy.Cookies.Find("strictly-necessary")!.Required);
    }

    [Theory]
    [InlineData("    - id: statistics\n      required: false", "    - id: Statistics!\n      required: false", "invalid-value")]
    [InlineData("      required: false", "      required: maybe", "wrong-type")]
    [InlineData("      required: false", "      required: true\n      advertising-partners: true", "invalid-value")]
    [InlineData("    - id: statistics", "    - id: strictly-necessary", "duplicate-id")]
    public void A_broken_cookie_category_is_reported_with_its_rule_and_position(string line, string replacement, string rule)
    {
        var result = PolicyYaml.Load(With(Categories.Replace(line, replacement, StringComparison.Ordinal)));

        Assert.Null(result.Policy);
        // Reported inside the cookies section, which starts after the small policy's last line.
        Assert.Contains(result.Errors, e => e.Rule == rule && e.Line > PolicyYaml.Valid.Split('\n').Length);
    }
}
