using Microsoft.Playwright;

namespace Custodian.Browser.Tests.PrivacyCentre;

public sealed class NoticeJourneyTests(CentreFixture centre) : IClassFixture<CentreFixture>
{
    private async Task<IPage> OpenAsync(string path)
    {
        var context = await centre.Browser.NewContextAsync(new() { BaseURL = centre.Server.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        return page;
    }

    [Theory]
    [InlineData("ja", "個人情報の取り扱いについて", true)]
    [InlineData("en", "How We Handle Personal Data", false)]
    [InlineData("es", "Cómo Tratamos los Datos Personales", true)]
    public async Task A_reader_reads_the_notice_in_their_language_with_our_translations_marked_as_unofficial_drafts(string language, string title, bool draft)
    {
        var page = await OpenAsync($"privacy?lang={language}");

        Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(title, new() { IgnoreCase = true });
        await Assertions.Expect(page.Locator(".notice-draft")).ToHaveCountAsync(draft ? 1 : 0);
        await Assertions.Expect(page.Locator("a[href^='https://www.criteo.com/']").First).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, $"notice-{language}.png");
    }

    [Fact]
    public async Task The_language_switch_keeps_the_reader_on_the_same_page()
    {
        var page = await OpenAsync("privacy/contact?lang=en");

        await page.GetByRole(AriaRole.Link, new() { Name = "Español" }).ClickAsync();

        Assert.Contains("privacy/contact?lang=es", page.Url, StringComparison.Ordinal);
        Assert.Equal("es", await page.GetAttributeAsync("html", "lang"));
    }

    [Fact]
    public async Task A_person_sends_an_inquiry_and_is_told_they_may_be_contacted()
    {
        var page = await OpenAsync("privacy/contact?lang=en");

        await page.GetByLabel("Name").FillAsync("Ana Pérez");
        await page.GetByLabel("E-mail").FillAsync($"ana-{Guid.NewGuid():N}@example.com");
        await page.GetByLabel("Your inquiry").FillAsync("<b>Hello</b>, when are you open?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("We may contact you to confirm the details of your inquiry.");
        await Screenshots.SaveAsync(page, "contact-received.png");
    }
}
