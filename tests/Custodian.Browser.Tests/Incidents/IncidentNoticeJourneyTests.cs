using Custodian.Browser.Tests.Mail;
using Custodian.Gate;
using Custodian.Incidents;
using Custodian.Policy;
using Custodian.Staff;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Custodian.Browser.Tests.Incidents;

/// <summary>
/// A privacy officer opens an incident with listed persons, notifies them from its page, and reads the record: names,
/// not ids; e-mail for the person with an address (which reaches the SMTP server in Spanish), a letter for the one
/// without; then publishes the public notice and finds it on the privacy centre.
/// </summary>
public sealed class IncidentNoticeJourneyTests : IAsyncLifetime
{
    private const string Password = "a long account password";
    private readonly MailServer _server = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private T Service<T>() where T : notnull => _server.Services.GetRequiredService<T>();

    public async ValueTask InitializeAsync()
    {
        _server.Start();
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    private async Task<Guid> PersonAsync(Dictionary<string, string?> items, bool imported = false)
    {
        if (!imported)
        {
            return (await Service<PersonVault>().RegisterAsync(Actor.System, new Registration("service-application", items), Ct)).Value;
        }

        // A record imported from before e-mail was asked for: a postal address only.
        var policy = Service<PolicyStore>().Find("leverages-career-mexico")!;
        await using var db = await Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(Ct);
        var before = (await db.Set<Person>().Select(p => p.Id).ToListAsync(Ct)).ToHashSet();
        await Service<PersonVault>().ImportAsync(Actor.System, [new CheckedRegistration(new Registration("service-application", items), policy, policy.FindChannel("service-application")!)], r => r, cancellationToken: Ct);
        return (await db.Set<Person>().Select(p => p.Id).ToListAsync(Ct)).Single(p => !before.Contains(p));
    }

    [Fact]
    public async Task An_officer_notifies_an_incidents_persons_from_its_page_and_sees_who_was_told_how()
    {
        var officer = "privacy-officer." + Guid.NewGuid().ToString("N")[..8];
        var account = (await Service<StaffAccounts>().CreateAsync(Actor.System, officer, Password, "privacy-officer", Ct)).Value!.Id;
        var email = $"lucia.{Guid.NewGuid():N}@example.com";
        var lucia = await PersonAsync(new() { ["name"] = "Lucía Hernández", ["date-of-birth"] = "1991-05-02", ["telephone"] = "+52 442 100 2000", ["email"] = email });
        var rosa = await PersonAsync(new() { ["name"] = "Rosa Martínez", ["address"] = "Calle Hidalgo 12, Querétaro" }, imported: true);
        var register = Service<IncidentRegister>();
        var incident = (await register.RegisterAsync(Actor.System, new IncidentInput(
            LearnedAt: DateTimeOffset.Parse("2026-12-01T10:00:00+09:00", System.Globalization.CultureInfo.InvariantCulture), LearnedBy: account,
            Summary: "A list of applicants was e-mailed to the wrong company", Cause: "error", Policies: ["leverages-career-mexico"], Items: ["name", "email"]), cancellationToken: Ct)).Value!.Incident;
        Assert.True((await register.SetPersonsAsync(Actor.System, incident.Id, [lucia, rosa], Ct)).Succeeded);

        var context = await _browser!.NewContextAsync(new() { BaseURL = _server.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await ConsoleJourney.EnrolAsync(page, officer, Password);
        await page.GotoAsync($"console/incidents/{incident.Id}");
        Assert.Equal("none", await page.GetAttributeAsync("[data-public]", "data-public"));
        await page.ClickAsync("button:has-text('Notify the affected persons')");

        var status = page.Locator("section.incident-notices p[role=status]");
        await status.WaitForAsync();
        Assert.Equal("1,1,0", await status.GetAttributeAsync("data-run"));
        var rows = page.Locator("table.incident-notice-record tbody tr");
        Assert.Equal(2, await rows.CountAsync());
        var record = await page.InnerTextAsync("table.incident-notice-record");
        Assert.Contains("Lucía Hernández", record, StringComparison.Ordinal);
        Assert.Contains("Rosa Martínez", record, StringComparison.Ordinal);
        Assert.DoesNotContain(lucia.ToString(), record, StringComparison.Ordinal);
        Assert.Contains("Español", await page.Locator("tr[data-channel='email'] td").Nth(2).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("tr[data-channel='letter']").CountAsync());
        Assert.Equal(1, await page.Locator("a:has-text('Download the letters to print')").CountAsync());
        Assert.Equal(1, await page.Locator("table.incident-timeline tr[data-kind='notified']").CountAsync());

        // The sender runs every second in the background; the test waits for the message, at most half a minute.
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while (_server.Smtp.To(email).Count == 0 && TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(200, Ct);
        }

        Assert.Contains("Aviso y disculpa", Assert.Single(_server.Smtp.To(email)).Subject, StringComparison.Ordinal);

        await page.FillAsync("#notice-es", "Enviamos por error una lista de solicitantes a otra empresa.");
        await page.ClickAsync("button:has-text('Publish the public notice')");
        await Assertions.Expect(page.Locator("[data-public]")).ToHaveAttributeAsync("data-public", "in-force");
        await page.GotoAsync($"privacy/incidents/{incident.Number}?lang=es");
        Assert.Contains("Enviamos por error", await page.InnerTextAsync("article.incident-notice"), StringComparison.Ordinal);
        Assert.DoesNotContain("Lucía", await page.ContentAsync(), StringComparison.Ordinal);
        await context.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await _server.DisposeAsync();
    }
}
