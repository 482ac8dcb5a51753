using Custodian.Policy;
using Custodian.Tests.Policy;
using Custodian.Vault;

namespace Custodian.Tests.Vault;

public sealed class ItemRulesTests
{
    private static readonly PrivacyPolicy Mexico = PolicyFilesTests.Load("leverages-career-mexico");
    private static readonly DateOnly Today = new(2026, 12, 2);

    private static string[] Problems(string item, string value) =>
        ItemRules.Check(Mexico, new Dictionary<string, string?> { [item] = value }, [], Today).TryGetValue("items." + item, out var problems) ? problems : [];

    [Theory]
    [InlineData("telephone", "+52 (442) 555-0101")]
    [InlineData("telephone", "442.555.0101")]
    [InlineData("email", "ana.torres@example.com")]
    [InlineData("date-of-birth", "1900-01-01")]
    [InlineData("date-of-birth", "2026-12-02")]
    [InlineData("sex", " Female ")]
    public void A_well_formed_value_passes(string item, string value) => Assert.Empty(Problems(item, value));

    [Theory]
    [InlineData("telephone", "442 555 0101 ext 9", "item.telephone")]
    [InlineData("telephone", "+52 442", "item.telephone")]
    [InlineData("telephone", "+52 442 555 0101 0101 0101", "item.telephone")]
    [InlineData("email", "ana torres@example.com", "item.email")]
    [InlineData("email", "ana@localhost", "item.email")]
    [InlineData("date-of-birth", "1899-12-31", "item.date")]
    [InlineData("date-of-birth", "2026-12-03", "item.date")]
    [InlineData("date-of-birth", "2026-13-01", "item.date")]
    [InlineData("sex", "robot", "item.sex")]
    public void A_malformed_value_is_named_with_its_rule(string item, string value, string rule) =>
        Assert.StartsWith(rule + ":", Assert.Single(Problems(item, value)), StringComparison.Ordinal);

    [Theory]
    [InlineData("+52 (442) 555-0101", "+524425550101")]
    [InlineData(" 442.555.0101", "4425550101")]
    public void A_telephone_number_is_kept_as_its_digits_and_leading_plus(string value, string normalized) =>
        Assert.Equal(normalized, ItemRules.NormalizePhone(value));
}
