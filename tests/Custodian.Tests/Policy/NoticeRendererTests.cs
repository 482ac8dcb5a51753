using Custodian.Policy.Notices;

namespace Custodian.Tests.Policy;

public sealed class NoticeRendererTests
{
    [Theory]
    [InlineData("leverages-career-mexico", "ja", "個人情報の取り扱いについて")]
    [InlineData("leverages-career-mexico", "en", "How We Handle Personal Data")]
    [InlineData("leverages-career-mexico", "es", "Cómo tratamos los datos personales")]
    [InlineData("leverages-group", "ja", "プライバシーポリシー")]
    [InlineData("leverages-group", "en", "Privacy Policy")]
    [InlineData("leverages-group", "es", "Política de privacidad")]
    public void The_notice_renders_in_each_language(string id, string language, string title)
    {
        var view = NoticeRenderer.Render(PolicyFilesTests.Load(id), language);

        Assert.Equal((language, title), (view.Language, view.Title));
        Assert.Equal(language == "ja", view.IsBinding);
        Assert.Equal(language == "ja", view.TranslationNote is null);
        Assert.NotEmpty(view.Sections);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("fr")]
    [InlineData("")]
    [InlineData("EN")]
    public void An_unknown_or_missing_language_falls_back_to_the_binding_japanese(string? language)
    {
        var view = NoticeRenderer.Render(PolicyFilesTests.Load("leverages-career-mexico"), language);

        Assert.Equal("ja", view.Language);
        Assert.True(view.IsBinding);
    }

    [Fact]
    public void Purposes_are_listed_from_the_structured_policy_with_items_and_consent()
    {
        var view = NoticeRenderer.Render(PolicyFilesTests.Load("leverages-career-mexico"), "en");

        var purposes = view.Sections.Single(s => s.Heading == "Acquisition of Personal Data and Purpose").Entries;
        Assert.Equal(2, purposes.Count);
        var provision = purposes[0].Children.Single(p => p.Label == "1c");
        Assert.Contains(provision.Children, c => c.Text == "Needs your consent");
        Assert.Contains(provision.Children, c => c.Label == "Items" && c.Text.StartsWith("Name (required), Address", StringComparison.Ordinal));
        Assert.DoesNotContain(purposes[0].Children.Single(p => p.Label == "1a").Children, c => c.Text == "Needs your consent");
    }

    [Theory]
    [InlineData("ja", "14営業日以内")]
    [InlineData("en", "within 14 business days")]
    [InlineData("es", "dentro de los 14 días hábiles")]
    public void The_deadline_in_the_prose_is_quoted_from_the_request_procedure(string language, string expected)
    {
        var view = NoticeRenderer.Render(PolicyFilesTests.Load("leverages-career-mexico"), language);

        var paragraphs = view.Sections.SelectMany(s => s.Paragraphs.Concat(s.Closing)).ToList();
        Assert.Contains(paragraphs, p => p.Contains(expected, StringComparison.Ordinal));
        Assert.DoesNotContain(paragraphs, p => p.Contains('{', StringComparison.Ordinal));
    }

    [Fact]
    public void Request_types_mark_the_free_of_charge_ones_in_the_reader_language()
    {
        var view = NoticeRenderer.Render(PolicyFilesTests.Load("leverages-career-mexico"), "es");

        var types = view.Sections.SelectMany(s => s.Entries).Select(e => e.Text).ToList();
        Assert.Contains("divulgación (sin costo)", types);
        Assert.Contains("corrección del contenido", types);
    }
}
