using Custodian.Policy;
using Custodian.Policy.Notices;

namespace Custodian.Tests.Policy;

public sealed class NoticeRendererTests
{
    [Theory]
    [InlineData("leverages-career-mexico", "ja", "個人情報の取り扱いについて", TextStatus.DraftTranslation)]
    [InlineData("leverages-career-mexico", "en", "How We Handle Personal Data", TextStatus.Approved)]
    [InlineData("leverages-career-mexico", "es", "Cómo tratamos los datos personales", TextStatus.DraftTranslation)]
    [InlineData("leverages-group", "ja", "プライバシーポリシー", TextStatus.DraftTranslation)]
    [InlineData("leverages-group", "en", "Privacy Policy", TextStatus.Approved)]
    [InlineData("leverages-group", "es", "Política de privacidad", TextStatus.DraftTranslation)]
    public void The_notice_renders_the_text_of_each_language_and_no_draft_is_called_binding(string id, string language, string title, TextStatus status)
    {
        var view = NoticeRenderer.Render(PolicyFilesTests.Load(id), language);

        Assert.Equal((language, title, status), (view.Language, view.Title, view.Status));
        // Japanese is the binding language, but the Japanese we have is our own draft: nothing here is binding.
        Assert.False(view.IsBinding);
        Assert.Null(view.TranslationNote);
        Assert.NotEmpty(view.Blocks);
        Assert.Equal(["en"], view.ApprovedLanguages);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("fr")]
    [InlineData("")]
    [InlineData("EN")]
    public void An_unknown_or_missing_language_falls_back_to_japanese_shown_as_a_draft(string? language)
    {
        var view = NoticeRenderer.Render(PolicyFilesTests.Load("leverages-career-mexico"), language);

        Assert.Equal(("ja", TextStatus.DraftTranslation), (view.Language, view.Status));
        Assert.False(view.IsBinding);
    }

    [Theory]
    [InlineData("leverages-career-mexico", false)]
    [InlineData("leverages-group", true)]
    public void A_version_the_operator_set_is_not_shown_as_if_the_text_stated_it(string id, bool shown)
    {
        Assert.Equal(shown, NoticeRenderer.Render(PolicyFilesTests.Load(id), "en").ShowVersion);
    }

    [Fact]
    public void The_english_notice_lists_purposes_in_the_operator_words()
    {
        var view = NoticeRenderer.Render(PolicyFilesTests.Load("leverages-career-mexico"), "en");

        var lines = view.Blocks.Select(b => string.Concat(b.Runs.Select(r => r.Text))).ToList();
        Assert.Contains("b. to answer to the questions, consults and claims", lines);
        Assert.Contains("If failure to fill the required items of Personal Data, you may not be able to receive our services.", lines);
    }

    [Fact]
    public void Words_marked_as_a_partner_opt_out_link_to_the_address_the_operator_set()
    {
        var policy = PolicyFilesTests.Load("leverages-career-mexico");
        var view = NoticeRenderer.Render(policy, "en");

        var links = view.Blocks.SelectMany(b => b.Runs).Where(r => r.Link is not null).ToList();
        Assert.Equal(["click here", "click here"], links.Select(l => l.Text));
        Assert.Equal(policy.Recipients.AdvertisingPartners.Select(p => new Uri(p.OptOutUrl!)), links.Select(l => l.Link));
    }

    [Fact]
    public void A_policy_without_texts_renders_its_notice_sections_with_purposes_from_the_structured_data()
    {
        var policy = PolicyYaml.Load(PolicyYaml.Valid).Policy!;

        var view = NoticeRenderer.Render(policy, "en");

        Assert.Null(view.Status);
        Assert.True(view.TranslationNote is not null);
        var channel = Assert.Single(view.Sections.Single().Entries);
        var purpose = Assert.Single(channel.Children);
        Assert.Equal(("1a", "to apply"), (purpose.Label, purpose.Text));
        Assert.Contains(purpose.Children, c => c.Label == "Items" && c.Text == "Name (required)");
        Assert.Equal("Within 14 days", view.Sections.Single().Paragraphs.Single());
        Assert.True(NoticeRenderer.Render(policy, "ja").IsBinding);
    }
}
