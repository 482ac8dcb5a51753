using Custodian.Policy;

namespace Custodian.Tests.Policy;

public sealed class PolicyValidationTests
{
    [Fact]
    public void The_small_valid_policy_loads_without_errors()
    {
        var result = PolicyYaml.Load(PolicyYaml.Valid);

        Assert.Empty(result.Errors);
        Assert.NotNull(result.Policy);
        Assert.Equal(ItemType.Text, result.Policy.FindItem("name")!.Type);
        Assert.Equal(14, result.Policy.Requests.DeadlineBusinessDays);
    }

    [Theory]
    [InlineData(21, "    items: [name, nmae]", "unknown-item", 21, 19)]
    [InlineData(22, "    required: [name, sex]", "required-not-in-items", 22, 22)]
    [InlineData(15, "    category: identiy", "unknown-category", 15, 15)]
    [InlineData(27, "    purposes: [service.aply]", "unknown-purpose", 27, 16)]
    [InlineData(23, "    consent: maybe", "wrong-type", 23, 14)]
    [InlineData(21, "    items: name", "wrong-type", 21, 12)]
    [InlineData(16, "    type: Txt", "invalid-value", 16, 11)]
    [InlineData(16, "    type: 1", "invalid-value", 16, 11)]
    [InlineData(4, "calendar: xx", "invalid-value", 4, 11)]
    [InlineData(23, "    consnet: false", "unknown-field", 23, 5)]
    [InlineData(23, null, "required-field", 19, 5)]
    [InlineData(23, "    consent:", "required-field", 23, 13)]
    [InlineData(35, "  identity-documents: [pasport]", "unknown-term", 35, 24)]
    [InlineData(37, "  free-of-charge: [erasure]", "unknown-request-type", 37, 20)]
    [InlineData(35, "  identity-documents: [passport]\n  attorney-documents: { guardian: [passport] }", "invalid-value", 36, 25)]
    [InlineData(35, "  identity-documents: [passport]\n  attorney-documents: { deputed-representative: [proxi] }", "unknown-term", 36, 50)]
    [InlineData(24, "    description: { ja: 応募 }", "missing-translation", 24, 18)]
    [InlineData(24, "    description: { ja: 応募, en: apply, fr: postuler }", "unknown-language", 24, 39)]
    [InlineData(46, "        paragraphs: [\"{deadline-business-dayz}日以内\"]", "unknown-placeholder", 46, 22)]
    [InlineData(47, "        list: purpose", "invalid-value", 47, 15)]
    [InlineData(50, null, "required-field", 49, 5)]
    [InlineData(36, "  deadline-business-days: 0", "invalid-value", 36, 27)]
    [InlineData(36, "  deadline-business-days: two weeks", "wrong-type", 36, 27)]
    [InlineData(12, "    name: [本人]", "wrong-type", 12, 11)]
    public void A_broken_line_is_reported_with_its_rule_and_position(int line, string? replacement, string rule, long expectedLine, long expectedColumn)
    {
        var result = PolicyYaml.Load(PolicyYaml.WithLine(line, replacement));

        Assert.Null(result.Policy);
        Assert.Contains(result.Errors, e => e.Rule == rule && e.Line == expectedLine && e.Column == expectedColumn);
    }

    [Fact]
    public void A_second_definition_of_an_id_is_a_duplicate_at_the_second()
    {
        var yaml = PolicyYaml.WithLine(17, "    name: { ja: 氏名, en: Name }\n  - id: name\n    category: identity\n    type: Text\n    name: { ja: 氏名, en: Name }");

        var error = Assert.Single(PolicyYaml.Load(yaml).Errors);

        Assert.Equal(("duplicate-id", 18L, 9L), (error.Rule, error.Line, error.Column));
        Assert.Contains("first at line 14", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_given_twice_is_an_error_not_a_silent_overwrite()
    {
        var result = PolicyYaml.Load(PolicyYaml.WithLine(2, "version: \"1\"\nversion: \"2\""));

        Assert.Null(result.Policy);
        Assert.Contains(result.Errors, e => e.Line == 3 && e.Column == 1 && e.Rule is "duplicate-key" or "yaml-syntax");
    }

    [Fact]
    public void A_missing_binding_notice_is_reported_at_the_notices()
    {
        var lines = PolicyYaml.Valid.Split('\n').ToList();
        lines.RemoveRange(41, 6);

        var result = PolicyYaml.Load(string.Join('\n', lines));

        Assert.Contains(result.Errors, e => e.Rule == "missing-binding-notice" && e.Line == 42 && e.Column == 3);
    }

    [Fact]
    public void A_translation_that_leaves_out_a_list_of_the_binding_notice_is_a_mismatch()
    {
        var result = PolicyYaml.Load(PolicyYaml.WithLine(54, null));

        var error = Assert.Single(result.Errors);
        Assert.Equal(("notice-mismatch", 49L, 5L), (error.Rule, error.Line, error.Column));
    }

    [Fact]
    public void Every_error_is_reported_not_only_the_first()
    {
        var yaml = PolicyYaml.WithLine(15, "    category: identiy");
        yaml = yaml.Replace("    purposes: [service.apply]", "    purposes: [service.aply]", StringComparison.Ordinal);
        yaml = yaml.Replace("    consent: false", "    consnet: false", StringComparison.Ordinal);

        var rules = PolicyYaml.Load(yaml).Errors.Select(e => e.Rule).ToHashSet();

        Assert.Superset(new HashSet<string> { "unknown-category", "unknown-purpose", "unknown-field", "required-field" }, rules);
    }

    [Fact]
    public void Errors_are_printed_as_file_line_column_rule_message()
    {
        var error = PolicyYaml.Load(PolicyYaml.WithLine(15, "    category: identiy")).Errors[0];

        Assert.Equal("test.yaml:15:15: unknown-category: policy.items[0].category names category 'identiy', which the policy does not define", error.ToString());
    }
}
