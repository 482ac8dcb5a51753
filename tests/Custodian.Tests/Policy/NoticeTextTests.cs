using Custodian.Policy;
using Custodian.Policy.Loading;

namespace Custodian.Tests.Policy;

/// <summary>The notice text files a policy names, and the rule tying an approved text to the structured data both ways.</summary>
public sealed class NoticeTextTests : IDisposable
{
    private const string Named = "# Notice\nWe use your [name](item:name) [to apply](purpose:service.apply).\n";

    private readonly string folder = Directory.CreateTempSubdirectory("custodian-notice-text-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private PolicyLoadResult Load(string text, string texts = "  en: { file: en.md, status: approved }", string extra = "")
    {
        File.WriteAllText(Path.Combine(folder, "en.md"), text);
        var path = Path.Combine(folder, "policy.yaml");
        File.WriteAllText(path, PolicyYaml.Valid + "texts:\n" + texts + "\n" + extra);
        return PolicyLoader.LoadFile(path);
    }

    // PolicyYaml.Valid has 54 lines: "texts:" is line 55, its entry 56, what follows from 57 on.
    private const int TextsEntryLine = 56;

    [Fact]
    public void An_approved_text_is_loaded_as_written_with_its_status()
    {
        var result = Load(Named);

        Assert.Empty(result.Errors);
        var text = result.Policy!.Texts["en"];
        Assert.Equal((TextStatus.Approved, "Notice", "en.md"), (text.Status, text.Title, text.File));
        var line = Assert.Single(text.Blocks);
        Assert.Equal("We use your name to apply.", string.Concat(line.Runs.Select(r => r.Text)));
        Assert.Contains(line.Runs, r => r is { Kind: "item", Id: "name", Text: "name" });
    }

    [Fact]
    public void An_approved_text_naming_an_item_the_data_lacks_fails_where_the_text_names_it()
    {
        var result = Load(Named + "And your [age](item:age).\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal((Path.Combine(folder, "en.md"), 3L, 10L, "unknown-in-text"), (error.File, error.Line, error.Column, error.Rule));
    }

    [Fact]
    public void A_purpose_the_approved_text_does_not_name_fails_at_its_definition_in_the_policy()
    {
        var result = Load("# Notice\nWe use your [name](item:name).\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal((Path.Combine(folder, "policy.yaml"), 19L, 9L, "not-in-text"), (error.File, error.Line, error.Column, error.Rule));
        Assert.Contains("purpose 'service.apply'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_the_operator_set_need_not_be_named_and_is_listed_where_it_is_written()
    {
        var result = Load("# Notice\nWe use your [name](item:name).\n", extra: "operator-set:\n  - purposes[service.apply]\n  - purposes[*].required\n");

        Assert.Empty(result.Errors);
        Assert.Equal(
            [new OperatorSetValue("purposes[service.apply]", "(the whole block)", 19, 5), new OperatorSetValue("purposes[service.apply].required", "[name]", 22, 15)],
            result.Policy!.OperatorSet);
    }

    [Fact]
    public void A_draft_translation_is_not_held_to_naming_every_entry()
    {
        var result = Load("# Notice\nAn unofficial draft.\n", "  en: { file: en.md, status: draft-translation }");

        Assert.Empty(result.Errors);
        Assert.Equal(TextStatus.DraftTranslation, result.Policy!.Texts["en"].Status);
    }

    [Theory]
    [InlineData("  en: { file: absent.md, status: approved }", "unreadable-file")]
    [InlineData("  en: { file: ../en.md, status: approved }", "invalid-value")]
    [InlineData("  en: { file: en.md, status: final }", "invalid-value")]
    [InlineData("  fr: { file: en.md, status: approved }", "unknown-language")]
    public void A_bad_texts_entry_is_reported_on_its_line(string entry, string rule)
    {
        var result = Load(Named, entry);

        Assert.Contains(result.Errors, e => e.Rule == rule && e.Line == TextsEntryLine);
        Assert.Null(result.Policy);
    }

    [Theory]
    [InlineData("No title here.\n", 1, 1)]
    [InlineData("# Notice\nSee [this](https://example.com).\n", 2, 5)]
    public void A_text_that_is_not_in_the_notice_format_fails_at_the_place(string text, long line, long column)
    {
        var result = Load(text);

        Assert.Contains(result.Errors, e => e.Rule == "text-format" && (e.Line, e.Column) == (line, column) && e.File.EndsWith("en.md", StringComparison.Ordinal));
    }

    [Fact]
    public void An_operator_set_path_that_names_nothing_is_an_error_where_it_is_written()
    {
        var result = Load(Named, extra: "operator-set:\n  - purposes[service.aply].items\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal((TextsEntryLine + 2L, 5L, "invalid-value"), (error.Line, error.Column, error.Rule));
    }

    [Theory]
    [InlineData("leverages-career-mexico")]
    [InlineData("leverages-group")]
    public void Each_real_policy_has_the_operator_english_text_approved_and_our_translations_as_drafts(string id)
    {
        var policy = PolicyFilesTests.Load(id);

        Assert.Equal(TextStatus.Approved, policy.Texts["en"].Status);
        Assert.Equal(TextStatus.DraftTranslation, policy.Texts["ja"].Status);
        Assert.Equal(TextStatus.DraftTranslation, policy.Texts["es"].Status);
    }

    [Fact]
    public void The_mexico_policy_lists_what_the_operator_set_at_the_lines_it_is_written()
    {
        var policy = PolicyFilesTests.Load("leverages-career-mexico");
        var lines = File.ReadAllLines(Path.Combine(PolicyFilesTests.Folder, "leverages-career-mexico.yaml"));
        long LineOf(string text) => Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal)) + 1;

        Assert.Contains(policy.OperatorSet, v => v is { Path: "version", Value: "2023-06-09" } && v.Line == LineOf("version: \"2023-06-09\""));
        Assert.Contains(policy.OperatorSet, v => v is { Path: "recipients.client-companies.methods[api]", Value: "api" } && v.Line == LineOf("e-mail, api]"));
        Assert.Contains(policy.OperatorSet, v => v.Path == "recipients.advertising-partners[criteo].opt-out-url" && v.Line == LineOf("opt-out-url: https://www.criteo.com/"));
        Assert.Contains(policy.OperatorSet, v => v.Path == "purposes[service.apply].required" && v.Value == "[name, date-of-birth, telephone, email]");
        Assert.Contains(policy.OperatorSet, v => v.Path == "purposes[service.guides].items");
    }
}
