using Custodian.PrivacyCentre;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Custodian.Browser.Tests.PrivacyCentre;

public sealed class ConsentJourneyTests(CentreFixture centre) : IClassFixture<CentreFixture>
{
    private async Task<CookieChoice> LedgerAsync(string receipt)
    {
        var factory = centre.Server.Services.GetRequiredService<IDbContextFactory<CustodianDb>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Set<CookieChoice>().SingleAsync(c => c.Id == Guid.Parse(receipt));
    }

    private static async Task<string> ReceiptAsync(IPage page)
    {
        var status = page.Locator(".custodian-consent-status");
        await Assertions.Expect(status).ToContainTextAsync("Receipt: ");
        return (await status.InnerTextAsync()).Split(": ")[1].Trim();
    }

    private static Task<bool> RanAsync(IPage page, string flag) => page.EvaluateAsync<bool>($"() => !!window.{flag}");

    // A released script may still be loading when the receipt shows: wait for it rather than look once.
    private static Task RunsAsync(IPage page, string flag) => page.WaitForFunctionAsync($"() => !!window.{flag}");

    [Fact]
    public async Task Accepting_runs_the_marked_scripts_and_pixel_and_the_ledger_holds_the_choice()
    {
        var (page, site) = await OperatorSite.OpenAsync(centre.Browser, centre.Server.BaseAddress);
        await page.GotoAsync("/");
        var banner = page.GetByRole(AriaRole.Region, new() { Name = "Cookies and web beacons" });
        await Assertions.Expect(banner).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "consent-banner.png");
        Assert.False(await RanAsync(page, "statsRan"));
        Assert.False(await RanAsync(page, "adsRan"));
        Assert.Equal(0, site.PixelRequests);

        await banner.GetByRole(AriaRole.Button, new() { Name = "Accept all" }).ClickAsync();

        var receipt = await ReceiptAsync(page);
        await RunsAsync(page, "statsRan");
        await RunsAsync(page, "adsRan");
        Assert.Equal(1, site.PixelRequests);
        Assert.Equal("strictly-necessary,statistics,advertising", (await LedgerAsync(receipt)).Categories);
        Assert.Empty(site.CspViolations);
    }

    [Fact]
    public async Task Rejecting_from_the_keyboard_runs_nothing_and_is_recorded()
    {
        var (page, _) = await OperatorSite.OpenAsync(centre.Browser, centre.Server.BaseAddress);
        await page.GotoAsync("/");
        var reject = page.GetByRole(AriaRole.Button, new() { Name = "Reject all" });
        await Assertions.Expect(reject).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("Enter");

        var receipt = await ReceiptAsync(page);
        Assert.False(await RanAsync(page, "statsRan"));
        Assert.False(await RanAsync(page, "adsRan"));
        Assert.Equal("strictly-necessary", (await LedgerAsync(receipt)).Categories);
    }

    [Fact]
    public async Task Global_privacy_control_refuses_advertising_even_on_accept_all()
    {
        var (page, site) = await OperatorSite.OpenAsync(centre.Browser, centre.Server.BaseAddress, gpc: true);
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator(".custodian-consent-banner .custodian-consent-gpc")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Accept all" }).ClickAsync();

        var choice = await LedgerAsync(await ReceiptAsync(page));
        await RunsAsync(page, "statsRan");
        Assert.False(await RanAsync(page, "adsRan"));
        Assert.Equal(0, site.PixelRequests);
        Assert.True(choice.GlobalPrivacyControl);
        Assert.Equal("strictly-necessary,statistics", choice.Categories);
    }

    [Fact]
    public async Task Withdrawing_statistics_deletes_its_cookies_and_records_a_choice_that_replaces_the_first()
    {
        var (page, _) = await OperatorSite.OpenAsync(centre.Browser, centre.Server.BaseAddress);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept all" }).ClickAsync();
        var first = await ReceiptAsync(page);
        await page.WaitForFunctionAsync("() => window.statsRan === 1"); // the statistics script runs once consent is given, after the receipt shows
        Assert.Contains("_stats_id=1", await page.EvaluateAsync<string>("() => document.cookie"), StringComparison.Ordinal);

        await page.ReloadAsync();
        await page.WaitForFunctionAsync("() => window.statsRan === 1"); // the stored choice holds after a reload, without asking again
        await Assertions.Expect(page.Locator(".custodian-consent-banner")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Cookie settings" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Screenshots.SaveAsync(page, "consent-settings.png");
        await dialog.GetByLabel("Statistics").UncheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save choices" }).ClickAsync();

        await Assertions.Expect(page.Locator(".custodian-consent-status")).Not.ToContainTextAsync(first);
        var second = await LedgerAsync(await ReceiptAsync(page));
        Assert.DoesNotContain("_stats_id", await page.EvaluateAsync<string>("() => document.cookie"), StringComparison.Ordinal);
        Assert.Equal(Guid.Parse(first), second.Replaces);
        Assert.Equal("strictly-necessary,advertising", second.Categories);
    }

    [Fact]
    public async Task A_choice_made_under_another_policy_version_is_asked_again()
    {
        var (page, _) = await OperatorSite.OpenAsync(centre.Browser, centre.Server.BaseAddress);
        await page.Context.AddCookiesAsync([new Cookie { Name = "custodian_consent", Value = Uri.EscapeDataString("v=2001-01-01&r=x&c=statistics"), Url = CentreFixture.Site }]);

        await page.GotoAsync("/");

        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Cookies and web beacons" })).ToBeVisibleAsync();
        Assert.False(await RanAsync(page, "statsRan"));
    }
}
